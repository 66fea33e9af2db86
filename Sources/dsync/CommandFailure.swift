/// A command that could not do its work for a reason other than its
/// arguments: printed as "Error: …" without the usage text ArgumentParser
/// adds to a `ValidationError` (which is for the command line only).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
