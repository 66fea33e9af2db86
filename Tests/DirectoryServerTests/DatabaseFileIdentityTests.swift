import DirectoryServer
import Foundation
import SCIM
import Testing
import TestSupport

/// A database file deleted or replaced under a running directoryd: writes
/// would go to a file no later start reads, so they are refused.
@Suite("The SQLite file replaced or deleted while serving")
struct DatabaseFileIdentityTests {
    static func organization(_ name: String) -> Organization {
        Organization(name: name, deployment: "us", plan: Plan(name: "test", seatLimit: 10))
    }

    @Test("a file put in its place (a restore with mv): every write is refused with 503, saying what happened and what to do")
    func replaced() async throws {
        let folder = try TestFolder.make("replaced")
        let path = folder.appendingPathComponent("directory.sqlite").path
        let store = try SQLiteDirectoryStore(path: path)
        try await store.createOrganization(Self.organization("Before"))
        let copy = folder.appendingPathComponent("restored.sqlite").path
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        #expect(rename(copy, path) == 0)
        let refused = await #expect(throws: DirectoryError.self) { try await store.createOrganization(Self.organization("After")) }
        #expect(refused?.scimError.status == 503)
        #expect(refused?.description.contains("the database file \(path) was replaced by another file while directoryd ran; nothing was written") == true)
        #expect(refused?.description.contains("Restart directoryd") == true)
    }

    @Test("a deleted file: every write is refused, saying so")
    func deleted() async throws {
        let path = try TestFolder.make("deleted").appendingPathComponent("directory.sqlite").path
        let store = try SQLiteDirectoryStore(path: path)
        try FileManager.default.removeItem(atPath: path)
        let refused = await #expect(throws: DirectoryError.self) { try await store.createOrganization(Self.organization("Lost")) }
        #expect(refused?.description.contains("the database file \(path) was deleted while directoryd ran") == true)
    }
}
