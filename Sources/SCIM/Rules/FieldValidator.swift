/// Checks values against `FieldRule`s, with reason codes from
/// `SCIMReasonCode`. The directory and the agent run exactly this code, so
/// a value the agent lets through is one the directory accepts.
public enum FieldValidator {
    /// Checks `value` against `rule` and returns it normalized, or `nil`
    /// when it is absent (and allowed to be).
    ///
    /// The order is: presence (`mandatory-missing`), length (`too-long`,
    /// checked before the syntax so a huge value is refused cheaply), then
    /// the kind (`invalid-email` for email fields, `invalid-value` for the
    /// others). Normalization: strings of every kind but `text` lose
    /// surrounding whitespace; a number becomes a JSON number (a numeric
    /// string is accepted, as sources deliver text); a pick-list value takes
    /// its canonical spelling when it matches one case-insensitively.
    public static func validate(_ value: JSON?, against rule: FieldRule) throws(FieldViolation) -> JSON? {
        let present = value.flatMap { $0.isUnassigned ? nil : $0 }
        guard let present else {
            if rule.required { throw FieldViolation(.mandatoryMissing, field: rule.name, detail: "a value is required") }
            return nil
        }
        if rule.multiValued {
            var normalized: [JSON] = []
            for element in SCIMPatchApplier.elements(present) {
                if let checked = try validateSingle(element, rule) { normalized.append(checked) }
            }
            if normalized.isEmpty && rule.required {
                throw FieldViolation(.mandatoryMissing, field: rule.name, detail: "a value is required")
            }
            return normalized.isEmpty ? nil : .array(normalized)
        }
        if case .array = present {
            throw FieldViolation(.invalidValue, field: rule.name, detail: "expected one value, found a list")
        }
        let checked = try validateSingle(present, rule)
        if checked == nil && rule.required {
            throw FieldViolation(.mandatoryMissing, field: rule.name, detail: "a value is required")
        }
        return checked
    }

    /// Every violation in `values` (keyed by field name, case-insensitively)
    /// for `rules`; for reports, where all problems of an object are shown
    /// at once.
    public static func violations(in values: JSONObject, rules: [FieldRule]) -> [FieldViolation] {
        rules.compactMap { rule in
            do throws(FieldViolation) {
                _ = try validate(values[rule.name], against: rule)
                return nil
            } catch {
                return error
            }
        }
    }

    private static func validateSingle(_ value: JSON, _ rule: FieldRule) throws(FieldViolation) -> JSON? {
        func fail(_ reason: SCIMReasonCode, _ detail: String) -> FieldViolation {
            FieldViolation(reason, field: rule.name, detail: detail)
        }
        var text: String
        switch value {
        case .string(let string): text = string
        case .number(let number) where rule.kind == .number:
            return .number(number)
        default:
            throw fail(rule.kind == .email ? .invalidEmail : .invalidValue, "expected text, found a \(value.typeName)")
        }
        // Blank is absent, for every kind: a required field of spaces is missing.
        let stripped = trimmed(text)
        if stripped.isEmpty { return nil }
        if rule.kind != .text { text = stripped }
        if let maxLength = rule.maxLength {
            let length = lengthInCodePoints(text)
            if length > maxLength {
                throw fail(.tooLong, "\(length) characters, at most \(maxLength) allowed")
            }
        }
        switch rule.kind {
        case .text:
            return .string(text)
        case .email:
            guard isValidEmail(text) else { throw fail(.invalidEmail, "\(quoted(text)) is not a valid email address") }
            return .string(text)
        case .phone:
            guard isValidPhone(text) else { throw fail(.invalidValue, "\(quoted(text)) is not a phone number") }
            return .string(text)
        case .url:
            guard isValidURL(text) else { throw fail(.invalidValue, "\(quoted(text)) is not an http or https URL") }
            return .string(text)
        case .number:
            guard let number = decimalNumber(text) else { throw fail(.invalidValue, "\(quoted(text)) is not a number") }
            return .number(number)
        case .date:
            guard SCIMDate(parsing: text) != nil else {
                throw fail(.invalidValue, "\(quoted(text)) is not a date (YYYY-MM-DD)")
            }
            return .string(text)
        case .pickList:
            if let exact = rule.canonicalValues.first(where: { $0 == text }) { return .string(exact) }
            let key = SCIMCaseFolding.key(text)
            if let canonical = rule.canonicalValues.first(where: { SCIMCaseFolding.key($0) == key }) {
                return .string(canonical)
            }
            throw fail(.invalidValue, "\(quoted(text)) is not one of the allowed values")
        }
    }

    /// The length `maxLength` limits: Unicode scalars of the NFC form.
    public static func lengthInCodePoints(_ text: String) -> Int {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.utf8.count }
        return SCIMCaseFolding.nfc(text).unicodeScalars.count
    }

    static func trimmed(_ text: String) -> String {
        // Nothing to trim when both ends are ASCII and not white space.
        func kept(_ byte: UInt8?) -> Bool { byte.map { $0 > 0x20 && $0 < 0x7F } ?? false }
        if kept(text.utf8.first), kept(text.utf8.last) { return text }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// A value as it appears in a message: quoted, shortened.
    static func quoted(_ text: String) -> String {
        JSON.string(text.count > 80 ? String(text.prefix(80)) + "…" : text).serializedString()
    }
}
