import ArgumentParser
import Foundation
import Results

/// `katch db roles`: the least-privilege roles of a central PostgreSQL store.
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Administer a central PostgreSQL results store.", subcommands: [Roles.self])

    struct Roles: ParsableCommand {
        static let configuration = CommandConfiguration(
        commandName: "roles",
            abstract: "Print (or with --apply run, as the store's owner) the SQL that sets up the roles katch_quiz and katch_report.",
            discussion: """
                katch_quiz (quiz stations) registers participants and answers open attempts; it cannot read names, \
                contacts or the answers of submitted attempts. katch_report (reports, exports) reads everything a \
                report reads, no names, and writes nothing. Give each station or analyst a login role in one of \
                them: CREATE ROLE station_07 LOGIN PASSWORD '…' IN ROLE katch_quiz. Run again after upgrading katch.
                """)

        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Run the statements on the store (migrating it first) instead of printing them.")
        var apply = false

        func run() throws {
            let path = ResultsStore.resolvePath(database.db)
            let location: StoreLocation
            do { location = try StoreLocation(path) } catch {
                printError(error.description)
                throw ExitCode(1)
            }
            guard case .postgres(let url) = location else {
                printError("\(path) is an SQLite file: roles exist only on a PostgreSQL store (give --db postgres://OWNER@HOST/DB)")
                throw ExitCode(1)
            }
            guard apply else {
                print(PostgresRoles.sql(database: url.database), terminator: "")
                return
            }
            let store = try database.open()
            do {
                try PostgresRoles.apply(to: store)
                print("roles \(PostgresRoles.quizRole) and \(PostgresRoles.reportRole) set up on \(store.path)")
            } catch {
                printError(error.description)
                throw ExitCode(1)
            }
        }
    }
}
