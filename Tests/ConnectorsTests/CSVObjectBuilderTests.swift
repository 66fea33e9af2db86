import Connectors
import SyncEngine
import Testing

/// Records into users and groups, without files.
@Suite("CSVObjectBuilder: rows into users, groups and conditions")
struct CSVObjectBuilderTests {
    static func configuration(_ change: (inout CSVSourceConfiguration) -> Void = { _ in }) -> CSVSourceConfiguration {
        var csv = CSVSourceConfiguration(path: "/unused", identifier: "id")
        csv.groups = "groups"
        change(&csv)
        return csv
    }

    static func read(_ files: [(String, String)], _ configuration: CSVSourceConfiguration = configuration()) -> CSVRead {
        var builder = CSVObjectBuilder(source: "hr", configuration: configuration)
        for (name, text) in files {
            builder.add(file: name, document: CSVParser.parse(Array(text.utf8), delimiter: configuration.delimiter.byte))
        }
        return builder.finish()
    }

    static func users(_ read: CSVRead) -> [SourceObject] { read.objects.filter { $0.kind == .user } }

    @Test("a row is a user anchored by its identifier; columns are attributes without case; empty values are none")
    func users() throws {
        let read = Self.read([("a.csv", "ID,UserName,Email,Title,groups\n 7 ,ada,Ada@Example.com,,\n")])
        let ada = try #require(Self.users(read).first)
        #expect(ada.anchor == "7")
        #expect(ada.source == "hr")
        #expect(ada.baseDN == "csv:hr")
        #expect(ada.values("username") == ["ada"])
        #expect(ada.values("email") == ["Ada@Example.com"])
        #expect(ada.values("title").isEmpty)
        #expect(read.isComplete)
        #expect(read.counts == ["csv:hr": SourceCount(users: 1, groups: 0)])
    }

    @Test("the attributes users have are the files' columns, without case; a group has its name as name and cn")
    func attributeNames() throws {
        let read = Self.read([("a.csv", "ID,UserName,Email\n1,ada,ada@example.com\n"), ("b.csv", "id,Title,groups\n2,Boss,Staff\n")])
        let names = try #require(read.attributeNames)
        #expect(names.source == "hr")
        #expect(names.users == ["id", "username", "email", "title", "groups"])
        #expect(names.groups == ["name", "cn"])
        #expect(Self.read([("empty.csv", "")]).attributeNames == nil)
    }

    @Test("the groups column makes groups by name, one per case-folded name, the first spelling naming it")
    func groups() throws {
        let read = Self.read([
            ("a.csv", "id,groups\n1,Sales | Staff\n2,sales\n3,\n"),
            ("b.csv", "id,groups\n4,STAFF|Board\n"),
        ])
        let groups = read.objects.filter { $0.kind == .group }
        #expect(groups.map(\.anchor) == [
            CSVObjectBuilder.groupAnchor("Sales"), CSVObjectBuilder.groupAnchor("Staff"), CSVObjectBuilder.groupAnchor("Board"),
        ])
        #expect(CSVObjectBuilder.groupAnchor("Sales") == "csv-group:sales")
        #expect(groups.map { $0.values("name") } == [["Sales"], ["Staff"], ["Board"]])
        #expect(groups.map(\.members) == [["1", "2"], ["1", "4"], ["4"]])
        #expect(read.counts == ["csv:hr": SourceCount(users: 4, groups: 3)])
    }

    @Test("a configurable group separator, here inside a quoted field of a semicolon file")
    func separator() {
        let configuration = Self.configuration { $0.delimiter = .semicolon; $0.groupSeparator = "," }
        let read = Self.read([("a.csv", "id;groups\n1;\"A, B\"\n")], configuration)
        #expect(read.problems.isEmpty)
        #expect(read.objects.filter { $0.kind == .group }.map { $0.values("name") } == [["A"], ["B"]])
    }

    @Test("a row with the wrong number of fields is held by its identifier, naming file and line; the others go on")
    func ragged() throws {
        let read = Self.read([("people.csv", "id,email,groups\n1,ada@x.test,Staff\n2,bob@x.test\n3,cy@x.test,Staff,extra\n4,dee@x.test,Staff\n")])
        #expect(Self.users(read).map(\.anchor) == ["1", "4"])
        #expect(read.problems.count == 2)
        let problem = try #require(read.problems.first)
        #expect(problem.code == .sourceRowInvalid)
        #expect(problem.anchor == "2")
        #expect(problem.detail == "people.csv, line 3: 2 fields where the header has 3")
        #expect(read.problems[1].detail == "people.csv, line 4: 4 fields where the header has 3")
        #expect(read.isComplete, "held rows do not make the read incomplete")
    }

    @Test("an empty identifier: no anchor, so the read is not complete")
    func emptyIdentifier() throws {
        let read = Self.read([("people.csv", "id,email,groups\n1,ada@x.test,\n  ,bob@x.test,\n")])
        #expect(Self.users(read).map(\.anchor) == ["1"])
        let problem = try #require(read.problems.first)
        #expect(problem.anchor == nil)
        #expect(problem.detail.hasPrefix("people.csv, line 3: the identifier column \"id\" is empty"))
        #expect(!read.isComplete)
    }

    @Test("an identifier on two rows, also across files: both held, each naming the other")
    func duplicates() {
        let read = Self.read([("a.csv", "id,groups\n1,\n2,\n"), ("b.csv", "id,groups\n2,\n3,\n")])
        #expect(Self.users(read).map(\.anchor) == ["1", "3"])
        #expect(read.problems.map(\.anchor) == ["2", "2"])
        #expect(read.problems.map(\.detail) == [
            "a.csv, line 3: the identifier \"2\" is also that of b.csv, line 2",
            "b.csv, line 2: the identifier \"2\" is also that of a.csv, line 3",
        ])
        #expect(read.isComplete)
    }

    @Test("rows matching the deleted rule are reported deleted and are in no group")
    func deletedRule() {
        let configuration = Self.configuration {
            $0.deleted = AttributeRule(attribute: "Status", operator: .equals, values: ["deleted"])
        }
        let read = Self.read([("a.csv", "id,status,groups\n1,active,Staff\n2,DELETED,Staff\n")], configuration)
        #expect(Self.users(read).map(\.anchor) == ["1"])
        #expect(read.deleted == ["2"])
        #expect(read.objects.first { $0.kind == .group }?.members == ["1"])
    }

    @Test("a header without the identifier column, or naming a column twice, makes the read incomplete")
    func badHeaders() {
        let missing = Self.read([("a.csv", "email\nada@x.test\n"), ("b.csv", "id,groups\n1,\n")])
        #expect(Self.users(missing).map(\.anchor) == ["1"])
        #expect(missing.problems.map(\.detail) == ["a.csv, line 1: the header has no identifier column \"id\" (it has: email)"])
        #expect(!missing.isComplete)
        let twice = Self.read([("a.csv", "id,Email,email\n1,a,b\n")])
        #expect(twice.objects.isEmpty)
        #expect(!twice.isComplete)
        #expect(!Self.read([("a.csv", "")]).isComplete)
    }

    @Test("a file separated by the other delimiter is named with the setting that reads it")
    func otherDelimiter() {
        let semicolons = Self.read([("a.csv", "id;email\n1;ada@x.test\n")])
        #expect(semicolons.problems.map(\.detail) == [
            "a.csv, line 1: the header has no identifier column \"id\" (it has: id;email); the file separates its fields with \";\": set `delimiter: \";\"`"
        ])
        let commas = Self.read([("a.csv", "id,email\n1,ada@x.test\n")], Self.configuration { $0.delimiter = .semicolon })
        #expect(commas.problems.first?.detail.hasSuffix("set `delimiter: \",\"`") == true)
        // No hint when the identifier is nowhere in the header.
        let unrelated = Self.read([("a.csv", "name;email\nada;ada@x.test\n")])
        #expect(unrelated.problems.first?.detail.contains("delimiter") == false)
    }

    @Test("blank lines and rows of empty fields are skipped silently")
    func blankRows() {
        let read = Self.read([("a.csv", "id,groups\n\n1,\n,\n\n")])
        #expect(Self.users(read).map(\.anchor) == ["1"])
        #expect(read.problems.isEmpty)
    }

    @Test("a quote never closed: the rows before it go on, the read is incomplete")
    func unterminated() {
        let read = Self.read([("a.csv", "id,groups\n1,\n2,\"Staff\n3,\n")])
        #expect(Self.users(read).map(\.anchor) == ["1"])
        #expect(!read.isComplete)
        #expect(read.problems.contains { $0.detail == "a.csv, line 3: a quoted field opened here is never closed; the rest of the file is not read as rows" })
    }
}
