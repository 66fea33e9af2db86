/// Facts about this build that every executable reports the same way.
public enum BuildInfo {
    public static let version = "0.1.0"
}
