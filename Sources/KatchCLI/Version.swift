/// The version of katch, printed by `katch --version` (the one place it is written).
public enum KatchVersion {
    /// Semantic version of this build.
    public static let current = "0.13.0"
}
