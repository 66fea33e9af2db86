import Foundation

/// The ids of one window's intents: random (version 4) UUIDs in lowercase
/// text (RFC 9562 §5.4), from one random UUID per window rather than one
/// per intent (drawing randomness for each of 110,000 intents was 1% of
/// an initial sync): the intent at `index` has the window's UUID with
/// `index` XORed into its low bits, which leaves the version and variant
/// bits alone, so ids stay distinct within the window and as unlikely to
/// meet another window's as any two random UUIDs.
struct IntentIDs {
    private let high: UInt64
    private let low: UInt64

    init() {
        let bytes = UUID().uuid
        var high: UInt64 = 0
        var low: UInt64 = 0
        withUnsafeBytes(of: bytes) { raw in
            for index in 0..<8 {
                high = high << 8 | UInt64(raw[index])
                low = low << 8 | UInt64(raw[8 + index])
            }
        }
        self.high = high
        self.low = low
    }

    /// The id of the window's `index`th intent (at most 2^48 intents).
    subscript(index: Int) -> String {
        Anchor.uuidText(high, low ^ UInt64(index & 0xFFFF_FFFF_FFFF))
    }
}
