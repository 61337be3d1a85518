import CourseModel
import ArgumentParser
struct Build: ParsableCommand {
    func run() throws {}
}
struct Bench: ParsableCommand {
    func run() throws {}
}
