import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

/// The presets and templates compiled into the binary are the repository's files, byte for
/// byte (scripts/embed-defaults regenerates them), and both presets are valid procedures.
@Suite struct DefaultsTests {
    static let root = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func embeddedTemplatesMatchTheRepository() throws {
        let folder = Self.root.appendingPathComponent("templates")
        let files =
            FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }.filter {
                !$0.hasDirectoryPath
            } ?? []
        #expect(files.count == DefaultTemplates.files.count)
        for url in files {
            let relative = "templates/" + url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1)
            #expect(
                DefaultTemplates.files[relative] == (try String(contentsOf: url, encoding: .utf8)),
                "\(relative) differs: run scripts/embed-defaults")
        }
    }

    @Test(arguments: ProcedurePreset.allCases)
    func presetsMatchTheRepositoryAndAreValid(_ preset: ProcedurePreset) throws {
        let file = try String(contentsOf: Self.root.appendingPathComponent("presets/\(preset.rawValue).yml"), encoding: .utf8)
        #expect(preset.configText == file, "presets/\(preset.rawValue).yml differs: run scripts/embed-defaults")
        let (config, diagnostics) = LedgerConfig.read(Data(file.utf8))
        #expect(config != nil)
        #expect(diagnostics.map(DiagnosticFormatter.line) == [])
        #expect(config?.procedure.name == preset.rawValue)
        #expect(!(config?.slaRules.isEmpty ?? true))
    }

    @Test func sampleLedgerUsesTheTrainingPreset() throws {
        let sample = try String(contentsOf: Self.root.appendingPathComponent("reclam.yml"), encoding: .utf8)
        #expect(sample == ProcedurePreset.training.configText)
    }
}
