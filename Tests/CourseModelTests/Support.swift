import Foundation
@testable import CourseModel

/// A throw-away course folder with a valid course.yml, for diagnostics tests; removed with the value
/// (test runs left thousands of these folders in the temporary directory).
final class TempCourse: Sendable {
    let root: URL

    deinit { try? FileManager.default.removeItem(at: root) }

    static let baseConfig = """
        title: Test
        materials:
          flipchart: Флипчарт
        agenda:
          days:
            - id: day-1
              day: 1
              title: "1-күн"
              sessions:
                - {title: Кіріспе, duration: 30, refs: [intro]}

        """

    static let intro = """
        ---
        id: intro
        title: Кіріспе
        kind: page
        ---
        Мәтін.

        """

    init(config: String = TempCourse.baseConfig, files: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("katch-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("modules"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("exercises"), withIntermediateDirectories: true)
        try Data(config.utf8).write(to: root.appendingPathComponent("course.yml"))
        var all = ["modules/intro.md": TempCourse.intro]
        for (k, v) in files { all[k] = v }
        for (path, text) in all { try write(path, Data(text.utf8)) }
    }

    func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func load() -> CourseLoader.Result { CourseLoader.load(root: root) }

    /// The diagnostics with `code`.
    func diagnostics(_ code: String) -> [Diagnostic] { load().diagnostics.filter { $0.code == code } }
}

func page(_ id: String, kind: String = "page", extra: String = "", body: String) -> String {
    "---\nid: \(id)\ntitle: T \(id)\nkind: \(kind)\n\(extra)---\n\(body)"
}

/// The repository root (for the fixture course and the real course).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
