import Foundation
import Testing

/// A TCP listener on 127.0.0.1 that takes connections and never says a word: a server that
/// stopped answering.
final class SilentListener {
    let port: Int32
    private let process = Process()
    private let input = Pipe()

    init() throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import socket, sys\ns = socket.socket()\ns.bind(('127.0.0.1', 0))\ns.listen(5)\n"
                + "print(s.getsockname()[1], flush=True)\nsys.stdin.read()",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        port = try #require(Int32(line.trimmingCharacters(in: .whitespacesAndNewlines)), "the listener did not start: \(line)")
    }

    /// Closes its standard input: the script ends.
    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

/// `reclam send` with `transport: sendmail` through Debian's msmtp (installed by
/// scripts/install-deps), which relays to the real SMTP server of Tests/smtp-server.py on
/// 127.0.0.1: what the server received is what the outbox held.
@Suite(.serialized)
struct SendmailEndToEndTests {
    static let msmtp = "/usr/bin/msmtp"

    /// A ledger whose mail goes through msmtp to `port`, with `count` acknowledged cases.
    func ledger(_ shell: Shell, port: Int32, count: Int) throws -> [String] {
        try #require(FileManager.default.isExecutableFile(atPath: Self.msmtp), "msmtp is missing: run scripts/install-deps")
        try shell.initLedger()
        // -C /dev/null: no msmtprc of the machine running the test; the envelope sender is From:.
        try shell.write(
            "reclam.yml",
            try shell.read("reclam.yml") + """
                mail:
                  from: Organisme Exemple <reclamations@example.org>
                  transport: sendmail
                  sendmail: \(Self.msmtp) -C /dev/null -t -i --read-envelope-from --host=127.0.0.1 --port=\(port) --auth=off --tls=off

                """)
        var ids: [String] = []
        for index in 1...count {
            ids.append(try shell.newCase(learner: "stg-\(index)", title: "Réclamation \(index)"))
            try shell.write("cases/stg-\(index)/learner.md", "---\nid: stg-\(index)\nemails: [learner\(index)@example.net]\n---\n")
        }
        try shell.git("add", "-A")
        try shell.git("-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "mail settings and learners")
        for id in ids {
            let ack = try shell.reclam("ack", id)
            try #require(ack.status == 0, "ack failed: \(ack.stderr)")
        }
        return ids
    }

    func outbox(_ shell: Shell, _ folder: String = "outbox") throws -> [String] {
        let url = shell.directory.appendingPathComponent("ledger/\(folder)")
        return ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
    }

    /// The message without the trace headers a relay may put on top (Received:, Return-Path:).
    func withoutTraceHeaders(_ data: Data) -> Data {
        var text = String(decoding: data, as: UTF8.self)
        var inTrace = false
        while let end = text.range(of: "\r\n") {
            let line = text[..<end.lowerBound]
            let folded = inTrace && (line.hasPrefix(" ") || line.hasPrefix("\t"))
            inTrace = folded || line.hasPrefix("Received:") || line.hasPrefix("Return-Path:")
            guard inTrace else { break }
            text.removeSubrange(..<end.upperBound)
        }
        return Data(text.utf8)
    }

    func assertClean(_ shell: Shell) throws {
        #expect(try shell.status() == "")
        let fsck = try shell.git("fsck", "--strict")
        #expect(fsck.status == 0, "git fsck: \(fsck.stderr)")
        let check = try shell.reclam("check")
        #expect(check.status == 0, "reclam check: \(check.stdout)\(check.stderr)")
    }

    @Test func deliversThroughMsmtpByteForByte() throws {
        let shell = try Shell()
        defer { shell.remove() }
        let server = try SMTPServer(in: shell.directory)
        try server.start(plain: true)
        defer { server.stop() }
        let ids = try ledger(shell, port: server.port, count: 2)
        let names = try outbox(shell)
        #expect(names == ids.map { "\($0)-ack.eml" }.sorted())
        let originals = try names.map { try Data(contentsOf: shell.directory.appendingPathComponent("ledger/outbox/\($0)")) }
        let before = try shell.head()

        let result = try shell.reclam("send")
        #expect(result.status == 0, "send failed: \(result.stdout)\(result.stderr)")
        let received = try server.received()
        #expect(received.count == 2)
        for (index, message) in received.enumerated() where index < originals.count {
            #expect(withoutTraceHeaders(message.data) == originals[index], "message \(index) differs from \(names[index])")
            #expect(message.envelope["from"] as? String == "reclamations@example.org")
            let learner = (ids.firstIndex { names[index].hasPrefix($0) } ?? -1) + 1
            #expect(message.envelope["to"] as? [String] == ["learner\(learner)@example.net"])
        }
        #expect(try outbox(shell).isEmpty)
        for (index, name) in names.enumerated() {
            let sent = try Data(contentsOf: shell.directory.appendingPathComponent("ledger/sent/2026/11/\(name)"))
            let header = String(decoding: sent.prefix(while: { $0 != 0x0A }), as: UTF8.self)
            #expect(header.hasPrefix("X-Reclam-Sent: 2026-11-16T10:00:00+01:00; sendmail; \(Self.msmtp) exited 0"), "\(header)")
            #expect(sent.dropFirst(header.utf8.count + 1) == originals[index])
        }
        #expect(try shell.git("rev-list", "--count", "\(before)..HEAD").stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        let log = try shell.git("log", "-1", "--format=%B").stdout
        #expect(log.hasPrefix("send: 2 messages sent"), "\(log)")
        for id in ids { #expect(log.contains("Reclam-Sent: <reclam.\(id)."), "\(log)") }
        #expect(!log.contains("example.net"), "a learner's address is in the commit message")
        for (index, id) in ids.enumerated() {
            #expect(try shell.read("cases/stg-\(index + 1)/\(id).md").contains("— Claire Martin — email envoyé (accusé de réception)"))
        }
        try assertClean(shell)
        let again = try shell.reclam("send")
        #expect(again.status == 0 && again.stderr.contains("rien à envoyer"), "\(again.stdout)\(again.stderr)")
        #expect(try server.received().count == 2)
    }

    /// `reclam send ID`: only that case's messages leave; the others wait for the next run.
    @Test func sendsOnlyTheGivenCases() throws {
        let shell = try Shell()
        defer { shell.remove() }
        let server = try SMTPServer(in: shell.directory)
        try server.start(plain: true)
        defer { server.stop() }
        let ids = try ledger(shell, port: server.port, count: 3)
        let dry = try shell.reclam("send", "--dry-run", ids[1])
        #expect(dry.status == 0 && dry.stdout == "à envoyer : outbox/\(ids[1])-ack.eml (1 destinataire)\n", "\(dry.stdout)")
        let one = try shell.reclam("send", ids[1])
        #expect(one.status == 0, "\(one.stdout)\(one.stderr)")
        #expect(try server.received().map { $0.envelope["to"] as? [String] } == [["learner2@example.net"]])
        #expect(try outbox(shell) == [ids[0], ids[2]].map { "\($0)-ack.eml" }.sorted())
        #expect(try shell.git("log", "-1", "--format=%B").stdout.components(separatedBy: "Reclam-Sent:").count == 2)
        let rest = try shell.reclam("send")
        #expect(rest.status == 0, "\(rest.stdout)\(rest.stderr)")
        #expect(try server.receivedCounts().values.sorted() == [1, 1, 1])
        #expect(try outbox(shell).isEmpty)
        try assertClean(shell)
    }

    /// msmtp exits 75 (EX_TEMPFAIL) when nothing listens: the message stays in the outbox with
    /// the reason and `reclam send` exits 1; the next run, server up, delivers it once.
    @Test func failingCommandLeavesTheMessageInTheOutbox() throws {
        let shell = try Shell()
        defer { shell.remove() }
        let server = try SMTPServer(in: shell.directory)
        try server.start(plain: true)
        server.stop()
        _ = try ledger(shell, port: server.port, count: 1)
        let before = try shell.head()
        let down = try shell.reclam("send")
        #expect(down.status == 1, "\(down.stdout)\(down.stderr)")
        #expect(down.stdout.contains("différé") && down.stdout.contains("\(Self.msmtp) s'est terminé avec le code 75"), "\(down.stdout)")
        #expect(down.stdout.contains("cannot connect to 127.0.0.1"), "\(down.stdout)")
        #expect(try outbox(shell).count == 1)
        #expect(try shell.head() == before)
        try assertClean(shell)

        try server.start(plain: true)
        defer { server.stop() }
        let up = try shell.reclam("send")
        #expect(up.status == 0, "\(up.stdout)\(up.stderr)")
        #expect(try server.receivedCounts().values.sorted() == [1])
        #expect(try outbox(shell).isEmpty)
        try assertClean(shell)
    }

    /// msmtp waits without end for a server that never answers (unless given --timeout): reclam
    /// stops it after mail.timeout. The whole message was handed over, so it is in doubt and not
    /// sent again by itself; with msmtp's own --timeout it is a temporary failure instead.
    @Test func hangingCommandIsStoppedAfterTheTimeout() throws {
        let shell = try Shell()
        defer { shell.remove() }
        let listener = try SilentListener()
        defer { listener.stop() }
        _ = try ledger(shell, port: listener.port, count: 1)
        try shell.write("reclam.yml", try shell.read("reclam.yml") + "  timeout: 2\n")
        try shell.git("-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qam", "timeout 2")
        let started = Date()
        let stopped = try shell.reclam("send")
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(stopped.status == 1, "\(stopped.stdout)\(stopped.stderr)")
        #expect(
            stopped.stdout.contains("incertain") && stopped.stdout.contains("n'a pas fini dans le délai mail.timeout (2 s)"),
            "\(stopped.stdout)"
        )
        #expect(try outbox(shell).count == 1)
        let again = try shell.reclam("send")
        #expect(again.status == 1 && again.stdout.contains("incertain"), "a message in doubt was tried again: \(again.stdout)")

        try shell.write("reclam.yml", try shell.read("reclam.yml").replacingOccurrences(of: "--tls=off", with: "--tls=off --timeout=1"))
        try shell.git("-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qam", "msmtp --timeout")
        let id = try #require(try outbox(shell).first?.replacingOccurrences(of: "-ack.eml", with: ""))
        let retried = try shell.reclam("send", "--retry-in-doubt", id)
        #expect(retried.status == 1, "\(retried.stdout)\(retried.stderr)")
        #expect(retried.stdout.contains("différé") && retried.stdout.contains("s'est terminé avec le code 74"), "\(retried.stdout)")
        #expect(try outbox(shell).count == 1)
        try assertClean(shell)
    }

    /// msmtp exits 65 (EX_DATAERR) when the server refuses the recipient for good: the message
    /// goes to outbox/failed/ with the reason, and the case shows the undelivered acknowledgement.
    @Test func permanentRefusalMovesTheMessageToFailed() throws {
        let shell = try Shell()
        defer { shell.remove() }
        let server = try SMTPServer(in: shell.directory)
        try server.start(plain: true)
        defer { server.stop() }
        let ids = try ledger(shell, port: server.port, count: 1)
        try server.setFaults(#"{"rcpt_550": ["learner1@example.net"]}"#)
        let result = try shell.reclam("send")
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(try outbox(shell).isEmpty)
        #expect(try outbox(shell, "outbox/failed") == ["\(ids[0])-ack.eml"])
        let failed = try shell.read("outbox/failed/\(ids[0])-ack.eml")
        #expect(failed.hasPrefix("X-Reclam-Failed: 2026-11-16T10:00:00+01:00; sendmail; \(Self.msmtp) exited 65"), "\(failed.prefix(300))")
        #expect(failed.contains("550 5.1.1"), "\(failed.prefix(300))")
        #expect(try server.received().isEmpty)
        let agenda = try shell.reclam("agenda")
        #expect(agenda.status == 0)
        #expect(
            agenda.stderr.contains("accusé de réception non délivré") && agenda.stderr.contains("[mail-undelivered]"), "\(agenda.stderr)")
        let sla = try shell.reclam("sla")
        #expect(sla.stderr.contains("accusé de réception non délivré"), "\(sla.stderr)")
        try assertClean(shell)
    }
}
