import Agent
import Testing

@Suite("dsync run --every")
struct RunIntervalTests {
    @Test("durations from a minute to a day, in s, m, h, d and combined")
    func valid() {
        #expect(RunInterval("30m")?.seconds == 1_800)
        #expect(RunInterval("1h30m")?.seconds == 5_400)
        #expect(RunInterval("90s")?.seconds == 90)
        #expect(RunInterval("1d")?.seconds == 86_400)
        #expect(RunInterval("2H")?.seconds == 7_200)
        #expect(RunInterval("1h30m")?.description == "1h30m")
    }

    @Test("anything else is refused: no unit, an unknown unit, under a minute, over a day")
    func invalid() {
        for text in ["", "30", "m", "10x", "59s", "2d", "1h-5m", "٣m"] {
            #expect(RunInterval(text) == nil, "\(text)")
        }
    }
}
