import Foundation
import Testing

/// `make install PREFIX=…` puts the binary, its man page and shell completions in place.
@Suite struct InstallEndToEndTests {
    @Test func makeInstallInstallsBinaryManPageAndCompletions() throws {
        let shell = try Shell()
        defer { shell.remove() }
        let prefix = shell.directory.appendingPathComponent("prefix").path
        let result = try shell.run(
            "/usr/bin/make", ["-C", Shell.packageRoot.path, "install", "PREFIX=\(prefix)", "BIN=\(Shell.reclam)"], in: nil)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let installed = try shell.run("\(prefix)/bin/reclam", ["--version"], in: nil)
        #expect(installed.status == 0)
        let man = try String(contentsOfFile: "\(prefix)/share/man/man1/reclam.1", encoding: .utf8)
        #expect(man.contains(".Dt RECLAM 1") || man.contains(".TH"), "\(man.prefix(200))")
        #expect(man.contains("learner"))
        let bash = try String(contentsOfFile: "\(prefix)/share/bash-completion/completions/reclam", encoding: .utf8)
        #expect(bash.contains("_reclam"))
        #expect(bash.contains("intake-survey"))
        #expect(FileManager.default.fileExists(atPath: "\(prefix)/share/zsh/site-functions/_reclam"))
        #expect(FileManager.default.fileExists(atPath: "\(prefix)/share/fish/vendor_completions.d/reclam.fish"))
    }
}
