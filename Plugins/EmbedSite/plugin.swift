import Foundation
import PackagePlugin

/// Compiles the default theme in `site/` (stylesheet, search script, …) into the target that uses
/// it, so one `katch` executable works anywhere and builds sites that work from `file://`.
@main
struct EmbedSite: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let site = context.package.directoryURL.appending(path: "site")
        let files = try FileManager.default.contentsOfDirectory(atPath: site.path)
            .filter { !$0.hasPrefix(".") }.sorted().map { site.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSite.swift")
        return [
            .buildCommand(
                displayName: "Embedding site/ (\(files.count) files)", executable: try context.tool(named: "EmbedFiles").url,
                arguments: [site.path, output.path], inputFiles: files, outputFiles: [output])
        ]
    }
}
