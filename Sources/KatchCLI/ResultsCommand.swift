import ArgumentParser

/// `katch results export|import` (owned by the evaluation work).
struct ResultsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "results", abstract: "Export and import results as CSV.")
    func run() throws {}
}
