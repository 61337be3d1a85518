// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("MemberImportVisibility")]

let package = Package(
    name: "katch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "katch", targets: ["katch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // libcmark from Debian's libcmark-dev, found through pkg-config.
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        // libpq's header from Debian's libpq-dev, for the PostgreSQL results store: synchronous like GRDB,
        // and no SwiftNIO to build (PostgresNIO would add minutes to every CI build on two cores).
        // Declarations only: no pkg-config (its `--libs` would link libpq, and libssl, krb5, ldap… with
        // it, into every katch process, ~4 ms of start-up); Results loads libpq.so.5 with dlopen when
        // a PostgreSQL store is opened. No providers either: SwiftPM shows them only when a pkg-config
        // lookup fails; scripts/install-deps.sh installs libpq-dev.
        .systemLibrary(name: "CLibPQ"),
        // mimalloc from Debian's libmimalloc-dev: linked into the katch binary, its malloc and free
        // replace glibc's for the whole process. katch allocates many small Strings and arrays on two
        // threads at once; with glibc's allocator a tenth of `katch build` went to malloc and free
        // (mimalloc: the 10× course builds 6 % faster and is checked 11 % faster). No pkg-config file
        // (Debian ships none); scripts/install-deps.sh installs libmimalloc-dev.
        .systemLibrary(name: "CMimalloc"),
        // Thin Swift layer over libcmark: parse, convert the AST into Swift values.
        .target(name: "Markdown", dependencies: ["CCmark"], swiftSettings: strict),
        // The one catalogue of UI strings (kk, ru, en).
        .target(name: "Localization", swiftSettings: strict),
        // Course model, loader and validation (`katch check`).
        .target(
            name: "CourseModel",
            dependencies: ["Markdown", "Instruments", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict),
        // The one typed model of instruments: question kinds and the scoring rule, typed answers and their
        // one encoding (option letters), phases, and the CSV codec every CSV of katch goes through.
        .target(name: "Instruments", dependencies: ["Statistics"], swiftSettings: strict),
        // HTML escaping and URL filtering, shared by the site and the report.
        .target(name: "HTMLText", swiftSettings: strict),
        // Static site: trainer and participant editions, search index, leak check.
        .target(
            name: "SiteBuilder", dependencies: ["CourseModel", "Instruments", "Localization", "HTMLText"], swiftSettings: strict,
            plugins: ["EmbedSite"]),
        // The default theme in site/ compiled into SiteBuilder (a course's own site/ overrides any file).
        .executableTarget(name: "EmbedFiles", swiftSettings: strict),
        .plugin(name: "EmbedSite", capability: .buildTool(), dependencies: ["EmbedFiles"]),
        // Pure statistics for the evaluation summary (no I/O).
        .target(name: "Statistics", dependencies: [.product(name: "RealModule", package: "swift-numerics")], swiftSettings: strict),
        // Results database (SQLite through GRDB, or PostgreSQL through libpq): trainings, participants,
        // attempts, answers; CSV import/export; push from a laptop to the central store.
        .target(
            name: "Results",
            dependencies: [
                "Instruments", "Statistics", "CLibPQ", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict),
        // Evaluation summary: pre/post statistics, item analysis, feedback; HTML, Markdown, JSON, CSV.
        .target(
            name: "Evaluation", dependencies: ["Statistics", "Instruments", "Results", "CourseModel", "Localization", "HTMLText"], swiftSettings: strict),
        // Terminal: raw mode, keys, wrapping of Kazakh text, colours (NO_COLOR).
        .target(name: "Terminal", swiftSettings: strict),
        // Quiz, survey and practice engine with its interactive and plain front ends.
        .target(
            name: "QuizRunner", dependencies: ["CourseModel", "Instruments", "Markdown", "Results", "Terminal", "Localization"], swiftSettings: strict),
        // `katch serve`: both editions from memory on 127.0.0.1, rebuilt on change. Its HTTP server is its own, on
        // the system's sockets: an HTTP package (FlyingFox before) brings FoundationNetworking, and libcurl and the
        // libraries it loads would slow the start of every katch process, whatever the command.
        .target(name: "Preview", dependencies: ["CourseModel", "SiteBuilder", "HTMLText"], swiftSettings: strict),
        // Command-line commands (ArgumentParser only).
        .target(
            name: "KatchCLI",
            dependencies: [
                "CourseModel", "Instruments", "Markdown", "SiteBuilder", "Localization", "Results", "Evaluation", "QuizRunner", "Preview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .executableTarget(name: "katch", dependencies: ["KatchCLI", "CMimalloc"], swiftSettings: strict),
        // Runs helper programs (katch, tmux, chromium) from tests with files for stdio and deadlines.
        .target(name: "TestSupport", dependencies: ["Results"], path: "Tests/TestSupport"),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "InstrumentsTests", dependencies: ["Instruments", "Statistics"]),
        .testTarget(name: "CourseModelTests", dependencies: ["CourseModel", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "SiteBuilderTests", dependencies: ["Instruments", "SiteBuilder", "CourseModel", "HTMLText", "TestSupport"]),
        .testTarget(
            name: "QuizRunnerTests",
            dependencies: ["Instruments", "Statistics", "QuizRunner", "Results", "CourseModel", "Terminal", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ResultsTests", dependencies: ["Instruments", "Statistics", "Results", "CourseModel", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "EvaluationTests", dependencies: ["Instruments", "Evaluation", "Results", "Statistics", "CourseModel", "HTMLText", "TestSupport"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LocalizationTests", dependencies: ["Localization"]),
    ]
)
