import Testing
@testable import SCIM

@Suite("Case-fold keys for case-insensitive unique attributes")
struct CaseFoldingTests {
    /// Pairs that must share a key.
    static let same: [(String, String)] = [
        ("BJensen@Example.COM", "bjensen@example.com"),
        ("Ren\u{E9}e", "Rene\u{301}e"),  // composed vs decomposed é
        ("REN\u{C9}E", "rene\u{301}e"),
        ("\u{212B}ngstr\u{F6}m", "\u{E5}ngstro\u{308}m"),  // Angstrom sign, å, ö decomposed
        ("Stra\u{DF}e", "STRASSE"),  // full folding: ß → ss
        ("Stra\u{DF}e", "strasse"),
        ("\u{1E9E}", "ss"),  // capital sharp s
        ("\u{FB00}", "ff"),  // ligature
        ("\u{39F}\u{394}\u{39F}\u{3A3}", "\u{3BF}\u{3B4}\u{3BF}\u{3C2}"),  // ΟΔΟΣ / οδος (final sigma)
        ("\u{3BF}\u{3B4}\u{3BF}\u{3C3}", "\u{3BF}\u{3B4}\u{3BF}\u{3C2}"),  // σ / ς
        ("I", "i"),
        ("\u{130}", "i\u{307}"),  // İ folds to i + combining dot
        ("\u{1F88}", "\u{1F00}\u{3B9}"),  // ᾈ → ἀι
        ("\u{13A0}", "\u{AB70}"),  // Cherokee: small folds to capital
        ("K", "\u{212A}"),  // Kelvin sign
        ("\u{1F0}", "J\u{30C}"),  // ǰ has no precomposed capital
    ]

    /// Pairs that must not.
    static let different: [(String, String)] = [
        ("\u{131}", "i"),  // Turkish dotless ı is its own letter in default folding
        ("\u{131}", "I"),
        ("\u{130}", "i"),  // İ keeps its dot
        ("e", "\u{E9}"),
        ("ss", "s"),
        ("a b", "ab"),
        ("\u{FF21}", "a"),  // fullwidth A: NFKC would merge it, NFC does not
    ]

    @Test("equal keys", arguments: same)
    func equal(_ a: String, _ b: String) {
        #expect(SCIMCaseFolding.key(a).unicodeScalars.elementsEqual(SCIMCaseFolding.key(b).unicodeScalars))
    }

    @Test("different keys", arguments: different)
    func distinct(_ a: String, _ b: String) {
        #expect(!SCIMCaseFolding.key(a).unicodeScalars.elementsEqual(SCIMCaseFolding.key(b).unicodeScalars))
    }

    @Test func keysAreNFCAndStable() {
        #expect(Array(SCIMCaseFolding.key("Rene\u{301}e").unicodeScalars) == ["r", "e", "n", "\u{E9}", "e"])
        #expect(SCIMCaseFolding.key("ASCII-Only_123") == "ascii-only_123")
        #expect(Array(SCIMCaseFolding.key("\u{390}").unicodeScalars) == ["\u{390}"])
        // Folding a key again changes nothing.
        for text in ["Stra\u{DF}e", "\u{130}stanbul", "\u{1E9E}", "\u{1F88}", "ΌΣΟΣ"] {
            let key = SCIMCaseFolding.key(text)
            #expect(SCIMCaseFolding.key(key).unicodeScalars.elementsEqual(key.unicodeScalars))
        }
    }

    @Test func nfcComposes() {
        #expect(Array(SCIMCaseFolding.nfc("A\u{30A}").unicodeScalars) == ["\u{C5}"])
        #expect(Array(SCIMCaseFolding.nfc("\u{212B}").unicodeScalars) == ["\u{C5}"])
        #expect(Array(SCIMCaseFolding.nfc("\u{1E0A}\u{323}").unicodeScalars) == ["\u{1E0C}", "\u{307}"])
    }

    @Test func everyScalarFoldsIdempotently() {
        // A cheap whole-range check: key(key(x)) == key(x) for every scalar
        // of the Basic Multilingual Plane.
        for value in UInt32(0x80)..<0x10000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let key = SCIMCaseFolding.key(String(scalar))
            #expect(SCIMCaseFolding.key(key).unicodeScalars.elementsEqual(key.unicodeScalars), "U+\(String(value, radix: 16))")
        }
    }
}
