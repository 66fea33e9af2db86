@testable import DirectoryServer
import Foundation
import Testing

@Suite("Timestamps: the hand-written RFC 3339 form agrees with Foundation's")
struct TimestampTextTests {
    static func foundationFormat(_ ms: Int64) -> String {
        let (seconds, fraction) = ms.quotientAndRemainder(dividingBy: 1000)
        let whole = Date(timeIntervalSince1970: Double(seconds))
            .formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted))
        let digits = String(fraction)
        return whole.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    /// Edge cases (epoch, leap days, century years, the last millisecond
    /// of 9999) and a fixed pseudo-random spread over 1970–9999.
    static var samples: [Int64] {
        var values: [Int64] = [0, 999, 86_399_999, 86_400_000, 951_782_400_000, 951_868_799_999, 4_107_542_400_000,
                               4_107_628_800_000, 253_402_300_799_999, 1_764_417_600_123]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<5000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(Int64(state >> 11) % 253_402_300_800_000)
        }
        return values
    }

    @Test func formatsAsFoundationDoes() {
        for ms in Self.samples {
            #expect(TimestampText.format(milliseconds: ms) == Self.foundationFormat(ms), "\(ms)")
        }
    }

    @Test func parsesWhatItFormats() {
        for ms in Self.samples {
            #expect(TimestampText.parse(Self.foundationFormat(ms)) == ms, "\(ms)")
        }
    }

    @Test func leavesOtherFormsToFoundation() {
        for text in ["2026-02-29T00:00:00.000Z", "2026-13-01T00:00:00.000Z", "2026-01-01T24:00:00.000Z", "2026-01-01T00:00:00Z",
                     "2026-01-01T00:00:00.000+01:00", "1969-12-31T23:59:59.999Z", "2026-01-01 00:00:00.000Z", "２026-01-01T00:00:00.000Z"] {
            #expect(TimestampText.parse(text) == nil, "\(text)")
        }
        #expect(TimestampText.format(milliseconds: -1) == nil)
        #expect(TimestampText.format(milliseconds: 253_402_300_800_000) == nil)
    }
}
