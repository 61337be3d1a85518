import ArgumentParser

/// `katch report` (owned by the evaluation work).
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Evaluation summary of pre/post results and feedback.")
    func run() throws {}
}
