import Testing

@testable import SyncEngine

@Suite struct MappingPruneTests {
    static let file = """
        target:
          url: https://directory.example.com/scim/v2
          credential: env:TOKEN
        sources:
          - ldif:
              path: people.ldif
        mapping:
          users:
            userName: uid
            # the office, from the room
            office:
              from: roomNumber
              transforms:
                - first

                - upper
            emails: mail   # work addresses
            costCode: departmentNumber
          groups:
            displayName: cn
        # trailing comment
        """

    @Test func removesTheEntriesAndTheirLinesKeepingTheRest() throws {
        let result = try MappingPrune.remove([.user: ["office", "costCode"]], from: Self.file)
        #expect(result.kept.isEmpty)
        #expect(result.removed.map(\.field) == ["office", "costCode"])
        #expect(result.removed.map(\.lines) == [11...16, 18...18])
        #expect(result.text == """
            target:
              url: https://directory.example.com/scim/v2
              credential: env:TOKEN
            sources:
              - ldif:
                  path: people.ldif
            mapping:
              users:
                userName: uid
                # the office, from the room
                emails: mail   # work addresses
              groups:
                displayName: cn
            # trailing comment
            """)
        // The result still loads, with the other fields in their order.
        let configuration = try Configuration.parse(yaml: result.text)
        #expect(configuration.mapping.users.map(\.target) == ["userName", "emails"])
    }

    @Test func theLastEntryOfTheFileGoesWithItsLines() throws {
        let text = "mapping:\n  users:\n    userName: uid\n    office:\n      from: roomNumber\n"
        let result = try MappingPrune.remove([.user: ["office"]], from: text)
        #expect(result.text == "mapping:\n  users:\n    userName: uid\n")
    }

    @Test func leavesWhatItCannotEditSafelyAndSaysWhy() throws {
        let flow = "mapping:\n  users: {userName: uid, office: roomNumber}\n"
        let flowResult = try MappingPrune.remove([.user: ["office"]], from: flow)
        #expect(flowResult.text == flow)
        #expect(flowResult.kept.first?.reason.contains("flow style") == true)

        let only = "mapping:\n  groups:\n    office: roomNumber\n"
        let emptied = try MappingPrune.remove([.group: ["office"]], from: only)
        #expect(emptied.text == only)
        #expect(emptied.kept.first?.reason.contains("empty") == true)

        let noSection = "target: {}\n"
        let defaults = try MappingPrune.remove([.user: ["department"]], from: noSection)
        #expect(defaults.text == noSection)
        #expect(defaults.kept.first?.reason.contains("defaults") == true)
    }
}
