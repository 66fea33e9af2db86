/// The fields of a value type, shared by its copies in one immutable box
/// and replaced, never changed, when one copy changes: a copy is one
/// reference count instead of one per string and array, and a field is
/// read without an exclusivity check (the box holds a constant).
/// `SourceObject` and `Link` keep their fields this way: a run copies and
/// reads hundreds of thousands of them, and changes few.
struct SharedFields<Fields: Sendable>: Sendable {
    private final class Box: Sendable {
        let fields: Fields

        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    init(_ fields: Fields) { box = Box(fields) }

    var fields: Fields { box.fields }

    /// A new box with the change applied; other copies keep the old one.
    mutating func update(_ change: (inout Fields) -> Void) {
        var fields = box.fields
        change(&fields)
        box = Box(fields)
    }

    /// Whether both share one box (and so are equal).
    func isShared(with other: SharedFields) -> Bool { box === other.box }
}
