import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// The git `pre-commit` hook that stops a hand commit of an invalid ledger file: it runs
/// `reclam check --staged`. A hook reclam did not write is never overwritten without
/// `--force`, and then it is kept as `pre-commit.reclam-backup`, restored on uninstall.
public enum HandEditHooks {
    /// The line that tells a hook written by reclam from anyone else's.
    public static let marker = "# reclam-hook: pre-commit"
    public static let hookName = "pre-commit"
    public static let backupSuffix = ".reclam-backup"

    public enum InstallOutcome: Sendable, Equatable {
        case installed(path: String)
        /// A hook reclam wrote earlier, rewritten (the binary may have moved).
        case updated(path: String)
        case replaced(path: String, backup: String)
    }

    public enum UninstallOutcome: Sendable, Equatable {
        case removed(path: String)
        case restored(path: String, backup: String)
        case notInstalled(path: String)
    }

    /// Where git looks for hooks: `core.hooksPath` (relative to the work tree), else `.git/hooks`.
    /// `language`: the ledger's, for the refusals and errors.
    public static func hooksDirectory(_ repository: GitRepository, language: Language = .en) throws(ReclamError) -> String {
        let configured: String?
        do { configured = try repository.configString("core.hooksPath") } catch {
            throw .io(Messages(language).format(.cannotReadHooksPath, "\(error)"))
        }
        guard var path = configured, !path.isEmpty else { return repository.commonDirectory + "/hooks" }
        if path == "~" || path.hasPrefix("~/") { path = NSHomeDirectory() + path.dropFirst() }
        if !path.hasPrefix("/") { path = (repository.workdir ?? repository.gitDirectory) + "/" + path }
        return path
    }

    /// The hook. `reclamPath`, the running binary, comes first so that the hook checks with the
    /// version that installed it; `reclam` on PATH when that binary is gone.
    public static func script(reclamPath: String?) -> String {
        let quoted = reclamPath.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" } ?? "reclam"
        return """
            #!/bin/sh
            \(marker)
            # Installed by 'reclam hooks install'; 'reclam hooks uninstall' removes it.
            # Checks the staged case, learner and action files, reclam.yml and the letter
            # templates, and blocks the commit when one has an error or makes a stage change
            # the procedure does not allow. 'reclam commit' commits hand edits with the same
            # checks and adds the step and journal line of a move. To commit anyway, once:
            # git commit --no-verify
            installed=\(quoted)
            reclam=$installed
            if [ ! -x "$reclam" ]; then
                reclam=$(command -v reclam 2>/dev/null) || {
                    echo "reclam pre-commit hook: reclam is neither at $installed nor on PATH; install it or run 'reclam hooks install' again" >&2
                    exit 1
                }
            fi
            exec "$reclam" check --staged

            """
    }

    public static func isReclamHook(_ text: String) -> Bool {
        text.split(whereSeparator: \.isNewline).prefix(5).contains { $0 == Substring(marker) }
    }

    public static func install(_ repository: GitRepository, reclamPath: String?, force: Bool, language: Language = .en)
        throws(ReclamError) -> InstallOutcome
    {
        let m = Messages(language)
        let directory = try hooksDirectory(repository, language: language)
        let path = directory + "/" + hookName
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .io(m.format(.cannotCreate, directory, error.localizedDescription))
        }
        var outcome = InstallOutcome.installed(path: path)
        if FileSystem.kind(of: URL(fileURLWithPath: path)) != nil {
            let existing = (try? FileSystem.readRegularFile(URL(fileURLWithPath: path))).map { String(decoding: $0, as: UTF8.self) }
            if let existing, isReclamHook(existing) {
                outcome = .updated(path: path)
            } else if !force {
                throw .refused(m.format(.hookNotOurs, path, hookName + backupSuffix))
            } else {
                let backup = path + backupSuffix
                if FileSystem.kind(of: URL(fileURLWithPath: backup)) != nil {
                    throw .refused(m.format(.hookBackupExists, backup))
                }
                do { try manager.moveItem(atPath: path, toPath: backup) } catch {
                    throw .io(m.format(.hookCannotKeep, backup, error.localizedDescription))
                }
                outcome = .replaced(path: path, backup: backup)
            }
        }
        let temporary = directory + "/.\(hookName).reclam-\(UUID().uuidString)"
        do {
            try Data(script(reclamPath: reclamPath).utf8).write(to: URL(fileURLWithPath: temporary))
            try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: temporary)
            if manager.fileExists(atPath: path) { try manager.removeItem(atPath: path) }
            try manager.moveItem(atPath: temporary, toPath: path)
        } catch {
            try? manager.removeItem(atPath: temporary)
            throw .io(m.format(.cannotWrite, path, error.localizedDescription))
        }
        return outcome
    }

    public static func uninstall(_ repository: GitRepository, language: Language = .en) throws(ReclamError) -> UninstallOutcome {
        let m = Messages(language)
        let path = try hooksDirectory(repository, language: language) + "/" + hookName
        guard FileSystem.kind(of: URL(fileURLWithPath: path)) != nil else { return .notInstalled(path: path) }
        let text = (try? FileSystem.readRegularFile(URL(fileURLWithPath: path))).map { String(decoding: $0, as: UTF8.self) }
        guard let text, isReclamHook(text) else {
            throw .refused(m.format(.hookNotInstalledByReclam, path))
        }
        let manager = FileManager.default
        do { try manager.removeItem(atPath: path) } catch { throw .io(m.format(.cannotRemove, path, error.localizedDescription)) }
        let backup = path + backupSuffix
        if FileSystem.kind(of: URL(fileURLWithPath: backup)) != nil {
            do { try manager.moveItem(atPath: backup, toPath: path) } catch {
                throw .io(m.format(.hookCannotRestore, backup, error.localizedDescription))
            }
            return .restored(path: path, backup: backup)
        }
        return .removed(path: path)
    }
}
