import ArgumentParser
import Foundation
import Results

/// `katch participant remove`: take out a participant registered by mistake.
struct ParticipantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "participant", abstract: "List participants of a training, or remove one registered by mistake.",
        subcommands: [List.self, Remove.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
        commandName: "list",
            abstract: "List the participants of a training by code, with when they registered and their attempts (never names).")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The training.") var training: String

        func run() throws {
            let store = try database.open()
            let listing: [ParticipantListing]
            do { listing = try store.participantListing(training: training) } catch {
                printError(error.description)
                throw ExitCode(1)
            }
            if listing.isEmpty { print("no participants in \(training)") }
            for p in listing {
                let attempts = p.attempts.isEmpty
                    ? "no attempts"
                    : p.attempts.map { "\($0.phase) \($0.submitted ? "submitted" : "not submitted") (\($0.answers))" }.joined(separator: ", ")
                print("\(p.code)  \(p.registeredAt.prefix(16).replacingOccurrences(of: "T", with: " "))  \(p.region)/\(p.agency)/\(p.gender)  \(attempts)")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
        commandName: "remove",
            abstract: "Remove a participant registered by mistake: their answers, attempts, name and contact.",
            discussion: """
                Refused when the participant has submitted a test or the feedback form (their results would \
                leave the evaluation), unless --force is given. Exit codes: 0 removed, 1 refused or not found.
                """)
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The participant's code, e.g. K7M2QX.") var code: String
        @Option(help: "The training the participant is registered in.") var training: String
        @Flag(help: "Remove even when a test or form was submitted.") var force = false

        func run() throws {
            let store = try database.open()
            let removal: ParticipantRemoval
            do {
                removal = try store.removeParticipant(training: training, code: code, force: force)
            } catch {
                printError(error.description)
                throw ExitCode(1)
            }
            print(Self.report(removal))
        }

        /// What was removed, in one line per kind of thing.
        static func report(_ r: ParticipantRemoval) -> String {
            var lines = ["removed participant \(r.code) from training \(r.training):"]
            if r.attempts.isEmpty {
                lines.append("  no attempts")
            }
            for a in r.attempts {
                lines.append("  \(a.phase) attempt of \(a.instrument) (\(a.submitted ? "submitted" : "not submitted")): \(a.answers) answer\(a.answers == 1 ? "" : "s")")
            }
            let identity = [r.hadName ? "name" : nil, r.hadContact ? "contact" : nil].compactMap { $0 }
            lines.append("  " + (identity.isEmpty ? "no name or contact was stored" : "the \(identity.joined(separator: " and ")) (deleted, not kept anywhere)"))
            return lines.joined(separator: "\n")
        }
    }
}
