import Foundation
import ReclamCore
import ReclamGit

/// A ledger: a git work tree with `reclam.yml` at its root and the cases below `cases/`.
public struct Ledger: Sendable {
    public var root: URL
    public var config: LedgerConfig
    /// Findings about `reclam.yml` itself, reported by `reclam check`.
    public var configDiagnostics: [Diagnostic]

    package init(root: URL, config: LedgerConfig, configDiagnostics: [Diagnostic]) {
        self.root = root
        self.config = config
        self.configDiagnostics = configDiagnostics
    }

    public static let casesFolder = "cases"
    public static let learnerFile = "learner.md"

    /// Finds the ledger by walking up from `start` to the first folder holding `reclam.yml`.
    public static func locate(from start: URL) -> URL? {
        var directory = start.standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent(LedgerConfig.fileName).path) {
                return directory
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { return nil }
            directory = parent
        }
    }

    /// Opens the ledger at `root` (given with `--ledger`) or found from the current directory.
    public static func open(at root: URL?, from current: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        throws(ReclamError) -> Ledger
    {
        let found: URL
        if let root {
            guard FileManager.default.fileExists(atPath: root.appendingPathComponent(LedgerConfig.fileName).path) else {
                throw .usage("no \(LedgerConfig.fileName) in \(root.path); create a ledger there with 'reclam init \(root.path)'")
            }
            found = root.standardizedFileURL
        } else {
            guard let located = locate(from: current) else {
                throw .usage(
                    "no ledger found: no \(LedgerConfig.fileName) in \(current.path) or any parent; run 'reclam init' or pass --ledger DIR")
            }
            found = located
        }
        let configURL = found.appendingPathComponent(LedgerConfig.fileName)
        let data: Data
        do { data = try FileSystem.readRegularFile(configURL) } catch {
            throw .io("cannot read \(configURL.path): \(error.message)")
        }
        let (config, diagnostics) = LedgerConfig.read(data)
        guard let config else {
            let m = Messages(LedgerConfig.declaredLanguage(String(decoding: data, as: UTF8.self)))
            var error = ReclamError(.refused, m.format(.ledgerInvalid, LedgerConfig.fileName), diagnostics: diagnostics)
            error.language = m.language
            throw error
        }
        return Ledger(root: found, config: config, configDiagnostics: diagnostics)
    }

    /// The root given with `--ledger`, or found by walking up from `current`.
    public static func root(given root: URL?, from current: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        throws(ReclamError) -> URL
    {
        if let root {
            guard FileManager.default.fileExists(atPath: root.appendingPathComponent(LedgerConfig.fileName).path) else {
                throw .usage("no \(LedgerConfig.fileName) in \(root.path); create a ledger there with 'reclam init \(root.path)'")
            }
            return root.standardizedFileURL
        }
        guard let located = locate(from: current) else {
            throw .usage(
                "no ledger found: no \(LedgerConfig.fileName) in \(current.path) or any parent; run 'reclam init' or pass --ledger DIR")
        }
        return located
    }

    public func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    public static func casePath(learner: String, id: String) -> String { "\(casesFolder)/\(learner)/\(id).md" }
}
