import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `reclam doctor [--fix]` on what killed writes and interrupted git commands leave, and the
/// recovery every command runs first; git is the witness.
@Suite struct DoctorEndToEndTests {
    func ledgerWithAcknowledgedCase() throws -> (Shell, String, String) {
        let shell = try Shell()
        try shell.initLedger()
        let id = try shell.newCase()
        let ack = try shell.reclam("ack", id)
        #expect(ack.status == 0, "\(ack.stderr)")
        return (shell, id, "cases/stg-1/\(id).md")
    }

    @Test func aHealthyLedgerIsClean() throws {
        let (shell, _, _) = try ledgerWithAcknowledgedCase()
        defer { shell.remove() }
        let result = try shell.reclam("doctor")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "")
        #expect(result.stderr == "0 erreur, 0 avertissement\n")
    }

    @Test func listsAndRepairsStaleLocksTemporaryFilesAndAnIndexBehindHead() throws {
        let (shell, id, path) = try ledgerWithAcknowledgedCase()
        defer { shell.remove() }
        // What a killed write of an older reclam left: the index one commit behind.
        try shell.git("reset", "-q", "HEAD^", "--", "cases", "outbox")
        #expect(try shell.status().contains("MM \(path)"))
        try shell.write(".git/index.lock", "")
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -600)],
            ofItemAtPath: shell.directory.appendingPathComponent("ledger/.git/index.lock").path)
        try shell.write("cases/stg-1/.\(id).md.reclam-1upsr8vt11m4a.tmp", "half")
        try shell.write("cases/stg-1/learner.md", try shell.read("cases/stg-1/learner.md") + "\nNote.\n")

        let found = try shell.reclam("doctor")
        #expect(found.status == 1)
        #expect(
            found.stdout.contains(
                ".git/index.lock : erreur : .git/index.lock (âgé de 10 min, aucun processus ne l'a ouvert) : laissé par une commande git ou reclam qui n'a pas fini"
            ))
        #expect(found.stdout.contains("\(path) : erreur : l'index contient la version d'avant la dernière modification"))
        #expect(found.stdout.contains("outbox/\(id)-ack.eml : erreur : l'index contient la version d'avant"))
        #expect(found.stdout.contains("cases/stg-1/.\(id).md.reclam-1upsr8vt11m4a.tmp : avertissement : un fichier temporaire"))
        #expect(
            found.stdout.contains(
                "cases/stg-1/learner.md : avertissement : modifié mais non enregistré : 'reclam commit cases/stg-1/learner.md'"))
        #expect(found.stderr.contains("'reclam doctor --fix' en répare 4"))

        let fixed = try shell.reclam("doctor", "--fix")
        #expect(fixed.status == 0, "\(fixed.stdout)\(fixed.stderr)")
        #expect(fixed.stderr.contains("reclam: réparé : .git/index.lock supprimé"))
        // Only the edit nobody committed is left, for its author to commit or drop.
        #expect(try shell.status() == " M cases/stg-1/learner.md\n")
        #expect(fixed.stdout.contains("[doctor-uncommitted]"))
        #expect(try shell.git("fsck", "--strict").status == 0)
        #expect(try shell.reclam("audit").status == 0)
    }

    @Test func repairsAWorkTreeBehindHead() throws {
        let (shell, id, path) = try ledgerWithAcknowledgedCase()
        defer { shell.remove() }
        let current = try shell.read(path)
        try shell.write(path, try shell.git("show", "HEAD^:\(path)").stdout)
        let found = try shell.reclam("doctor")
        #expect(found.status == 1)
        #expect(found.stdout.contains("\(path) : erreur : le fichier contient la version d'avant la dernière modification de la branche"))
        #expect(try shell.reclam("doctor", "--fix").status == 0)
        #expect(try shell.read(path) == current)
        #expect(try shell.status() == "")
        #expect(try shell.reclam("show", id).status == 0)
    }

    /// Starts `reclam ARGS` with every write step slowed down, and kills it with SIGKILL as soon
    /// as `reached` holds (polled), or when it ends.
    func killWhen(_ shell: Shell, _ arguments: [String], _ reached: () -> Bool) throws {
        var slow = shell
        slow.environment["RECLAM_TEST_WRITE_PAUSE_MS"] = "150"
        let process = try slow.spawn(arguments)
        var polls = 0
        while polls < 2000 && process.isRunning && !reached() {
            usleep(2_000)
            polls += 1
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    @Test func aWriteKilledBeforeItsCommitIsUndoneByTheNextCommandOrByDoctor() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase()
        let path = "cases/stg-1/\(id).md"
        let before = try shell.read(path)
        let head = try shell.head()
        try killWhen(shell, ["ack", id]) { (try? shell.read(path)) != before }
        #expect(try shell.head() == head)
        #expect(try shell.read(path) != before)

        // doctor looks first, and repairs on request.
        let found = try shell.reclam("doctor")
        #expect(found.status == 1)
        #expect(found.stdout.contains(".git/reclam/journal : erreur : une écriture de reclam (commit "))
        #expect(found.stdout.contains("[doctor-interrupted-write]"))
        let fixed = try shell.reclam("doctor", "--fix")
        #expect(fixed.status == 0, "\(fixed.stdout)\(fixed.stderr)")
        #expect(fixed.stderr.contains("reclam: réparé : écriture interrompue annulée (commit "))
        #expect(try shell.read(path) == before)
        #expect(try shell.status() == "")

        // Killed again; this time the next command (a reading one) undoes it.
        try killWhen(shell, ["ack", id]) { (try? shell.read(path)) != before }
        let list = try shell.reclam("list")
        #expect(list.status == 0)
        #expect(list.stderr.contains("reclam: écriture interrompue annulée (commit "))
        #expect(list.stdout.contains("Reçue"))
        #expect(try shell.status() == "")
        #expect(try shell.reclam("ack", id).status == 0)
        #expect(try shell.reclam("doctor").status == 0)
    }

    @Test func aWriteKilledAfterItsCommitIsFinishedByTheNextCommand() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase()
        let head = try shell.head()
        try killWhen(shell, ["ack", id]) { (try? shell.head()) != head }
        #expect(try shell.head() != head)
        // The index is behind the new commit until the next command.
        #expect(try shell.status() != "")
        let next = try shell.reclam("show", id)
        #expect(next.status == 0)
        #expect(next.stderr.contains("reclam: écriture interrompue terminée (commit "))
        #expect(try shell.status() == "")
        #expect(try shell.reclam("doctor").status == 0)
        #expect(try shell.reclam("audit").status == 0)
        #expect(try shell.git("fsck", "--strict").status == 0)
    }
}
