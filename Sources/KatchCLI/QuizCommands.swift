import ArgumentParser

struct TrainingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "training", abstract: "Add and list trainings.")
}
struct Quiz: ParsableCommand {}
struct Score: ParsableCommand {}
struct Practice: ParsableCommand {}
