import Foundation
import NIOHTTP1
import SCIM
import TestSupport
import Testing

/// Two `directoryd` processes as two deployments (us and eu) that confirm
/// addresses with each other over the signed internal API.
@Suite("Deployments", .serialized)
struct DeploymentTests {
    static func secretFile() throws -> String {
        let path = TestFolder.path("peer-secret").path
        try Data(AccessTokensForTests.random(48).utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Each names the other when it starts, so eu's port is chosen first.
    /// A peer's answer may take long on a loaded machine: 30 s, not 5.
    /// Another test's socket may take that port before eu listens on it;
    /// the pair is then started again on another port.
    static func pair() async throws -> (us: DirectorydProcess, eu: DirectorydProcess) {
        let secret = try secretFile()
        var attempt = 1
        while true {
            let us = try DirectorydProcess(), eu = try DirectorydProcess(port: try ListeningProcess.freePort())
            try await us.serve(["--deployment", "us", "--peer", "eu=\(eu.baseURL)", "--peer-secret-file", secret, "--peer-timeout", "30"])
            do {
                try await eu.serve(["--deployment", "eu", "--peer", "us=\(us.baseURL)", "--peer-secret-file", secret, "--peer-timeout", "30"])
                return (us, eu)
            } catch where ListeningProcess.isAddressInUse(error) && attempt < 5 {
                us.stop()
                attempt += 1
            }
        }
    }

    static func user(_ address: String) -> String {
        #"{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "\#(address)"}"#
    }

    @Test("an address with an account in one deployment is exists-in-other-deployment in the other; a peer down is 503 and nothing is created")
    func addressesAcrossDeployments() async throws {
        let (us, eu) = try await Self.pair()
        defer { us.stop(); eu.stop() }
        let acme = try await us.organization("Acme", deployment: "us")
        let globex = try await eu.organization("Globex", deployment: "eu")
        #expect(try await us.request(.POST, "/scim/v2/Users", token: acme.token, body: Self.user("ada@example.com")).status == 201)
        let taken = try await eu.request(.POST, "/scim/v2/Users", token: globex.token, body: Self.user("ADA@example.com"))
        #expect(taken.status == 409)
        #expect(taken.reason == "exists-in-other-deployment")
        #expect(taken.json?["detail"]?.stringValue?.contains("deployment us") == true)
        #expect(try await eu.request(.POST, "/scim/v2/Users", token: globex.token, body: Self.user("grace@example.com")).status == 201)
        // Adding a taken address to an existing user is refused the same way.
        let patch = #"{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "add", "path": "emails", "value": [{"value": "grace@example.com"}]}]}"#
        let list = try await us.request(.GET, "/scim/v2/Users", token: acme.token)
        let adaID = try #require(list.json?["Resources"]?[0]?["id"]?.stringValue)
        let patched = try await us.request(.PATCH, "/scim/v2/Users/\(adaID)", token: acme.token, body: patch)
        #expect(patched.reason == "exists-in-other-deployment")

        us.stop()
        let down = try await eu.request(.POST, "/scim/v2/Users", token: globex.token, body: Self.user("linus@example.com"))
        #expect(down.status == 503)
        #expect(down.headers["retry-after"] == "5")
        #expect(down.json?["detail"]?.stringValue?.contains("deployment us could not confirm") == true)
        // At once, saying why: the connection was refused (not a wait for the peer timeout).
        #expect(down.json?["detail"]?.stringValue?.contains("Connection refused") == true, "\(String(describing: down.json?["detail"]))")
        #expect(try await eu.request(.GET, "/scim/v2/Users", token: globex.token).json?["totalResults"]?.intValue == 1)
        // A user without an address needs no peer.
        #expect(try await eu.request(.POST, "/scim/v2/Users", token: globex.token, body: Self.user("linus")).status == 201)
    }

    @Test("simultaneous creates of one address in both deployments: exactly one wins, every time")
    func simultaneousClaims() async throws {
        let (us, eu) = try await Self.pair()
        defer { us.stop(); eu.stop() }
        let acme = try await us.organization("Acme", deployment: "us")
        let globex = try await eu.organization("Globex", deployment: "eu")
        for round in 0..<20 {
            let address = "race\(round)@example.com"
            async let first = us.request(.POST, "/scim/v2/Users", token: acme.token, body: Self.user(address))
            async let second = eu.request(.POST, "/scim/v2/Users", token: globex.token, body: Self.user(address))
            let statuses = [try await first, try await second].map(\.status)
            #expect(statuses.filter { $0 == 201 }.count == 1, "round \(round): \(statuses)")
            #expect(statuses.allSatisfy { $0 == 201 || $0 == 409 }, "round \(round): \(statuses)")
        }
    }

    @Test("the internal API refuses requests without the installation's signature")
    func unsignedRequests() async throws {
        let (us, eu) = try await Self.pair()
        defer { us.stop(); eu.stop() }
        let answer = try await us.request(.POST, "/internal/v1/addresses", body: #"{"from": "eu", "keys": ["ada@example.com"]}"#)
        #expect(answer.status == 401)
    }
}

enum AccessTokensForTests {
    static func random(_ count: Int) -> String {
        String((0..<count).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789".randomElement()! })
    }
}
