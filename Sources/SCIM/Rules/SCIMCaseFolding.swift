/// The key under which case-insensitive unique attributes (`userName`,
/// `emails.value`) are stored and compared: NFC, then Unicode full case
/// folding, then NFC again.
///
/// Computed in Swift and stored, so SQLite (whose NOCASE folds ASCII only)
/// and PostgreSQL (whose folding depends on the server's collation and
/// version) hold identical keys and a unique index on the key enforces
/// RFC 7643 §2.2's `caseExact: false` uniqueness in both.
///
/// How, on Linux without Foundation:
/// - NFC: the standard library's `String._nfcCodeUnits`, the normalizer
///   behind `String`'s own comparison and hashing. It is underscored but
///   public and ABI-stable (Apple platforms ship it in the OS), so it stays.
///   FoundationEssentials has no normalization API, and full Foundation's
///   `precomposedStringWithCanonicalMapping` would pull ICU into both
///   executables for this one call.
/// - Case folding: the standard library exposes `changesWhenCaseFolded` but
///   not the folding itself, so it is derived from the case mappings it does
///   expose: a scalar that changes when folded maps to
///   `lowercase(uppercase(scalar))`, repeated once for `ẞ` → `ß` → `ss`;
///   Cherokee small letters, which Unicode folds to the capitals
///   (CaseFolding.txt, since Unicode 8), map to their uppercase. Checked
///   against Python's `str.casefold()` for every code point assigned in
///   Unicode 14: after NFC the results are identical.
///   Unicode's stability policy fixes the folding of assigned code points, so
///   stored keys stay valid across Swift versions.
///
/// Folding is the default (not the Turkic) one: `I` folds to `i`, `ı`
/// (dotless) stays `ı`, `İ` folds to `i̇`. `ß` and `ss` share a key, and so
/// do `σ`, `ς` and `Σ`.
public enum SCIMCaseFolding {
    /// NFC(fold(NFC(text))).
    public static func key(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII is already NFC and folds to lower case.
            return ASCIICaseInsensitive.key(text)
        }
        return nfc(caseFold(nfc(text)))
    }

    /// The NFC form (Unicode Standard Annex #15).
    public static func nfc(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        return String(decoding: text._nfcCodeUnits, as: UTF8.self)
    }

    /// Full default case folding (Unicode §3.13, CaseFolding.txt statuses C
    /// and F), scalar by scalar; the result may need NFC again.
    public static func caseFold(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            appendFolded(scalar, to: &output)
        }
        return String(output)
    }

    private static func appendFolded(_ scalar: Unicode.Scalar, to output: inout String.UnicodeScalarView) {
        let properties = scalar.properties
        guard properties.changesWhenCaseFolded else {
            output.append(scalar)
            return
        }
        if isCherokeeSmall(scalar.value) {
            output.append(contentsOf: properties.uppercaseMapping.unicodeScalars)
            return
        }
        var folded = lowerOfUpper(properties)
        // One more round for the few whose first round lands on a character
        // that itself folds further (U+1E9E ẞ → ß → ss).
        if folded.unicodeScalars.contains(where: { $0.properties.changesWhenCaseFolded }) {
            var again = ""
            for inner in folded.unicodeScalars {
                again += inner.properties.changesWhenCaseFolded ? lowerOfUpper(inner.properties) : String(inner)
            }
            folded = again
        }
        output.append(contentsOf: folded.unicodeScalars)
    }

    private static func lowerOfUpper(_ properties: Unicode.Scalar.Properties) -> String {
        var result = ""
        for upper in properties.uppercaseMapping.unicodeScalars {
            result += upper.properties.lowercaseMapping
        }
        return result
    }

    /// U+13F8–13FD and U+AB70–ABBF.
    private static func isCherokeeSmall(_ value: UInt32) -> Bool {
        (0x13F8...0x13FD).contains(value) || (0xAB70...0xABBF).contains(value)
    }
}
