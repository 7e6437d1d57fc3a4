import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules
import ReclamWorkflow

#if canImport(Glibc)
    import Glibc
#endif

/// A sendmail-compatible command (sendmail, msmtp, postfix's sendmail…) given the message on
/// its standard input; with `-t` it reads the recipients from the headers.
final class SendmailTransport: MailTransport {
    let name = "sendmail"
    let command: [String]
    let timeout: Int
    private(set) var connections = 0

    init(command: [String], timeout: Int) {
        self.command = command
        self.timeout = timeout
    }

    func deliver(_ message: Data, envelope: Envelope, atEndOfData: () -> Bool) -> DeliveryResult {
        guard let executable = command.first else { return .deferred(reason: .sendmailEmpty, stopRun: true) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(command.dropFirst())
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        // A command that exits early closes its end of the pipe: the write must fail, not kill us.
        signal(SIGPIPE, SIG_IGN)
        do { try process.run() } catch {
            return .deferred(reason: .cannotRun(command: executable, what: error.localizedDescription), stopRun: true)
        }
        connections += 1
        // A command that hangs (msmtp waits for a silent server without end unless told
        // --timeout, and does not stop on SIGTERM meanwhile) is killed after `timeout` seconds,
        // so that a run never hangs holding the lock.
        let started = Date()
        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem { [process] in if process.isRunning { kill(pid, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(max(1, timeout)), execute: watchdog)
        defer { watchdog.cancel() }
        var written = true
        do { try input.fileHandleForWriting.write(contentsOf: message) } catch { written = false }
        if written && !atEndOfData() {
            process.terminate()
            process.waitUntilExit()
            return .deferred(reason: .recordNotWritten, stopRun: true)
        }
        try? input.fileHandleForWriting.close()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: stderr.prefix(500), as: UTF8.self).split(whereSeparator: \.isNewline).joined(separator: " ")
        let status = process.terminationStatus
        if process.terminationReason == .uncaughtSignal && status == SIGKILL && Date().timeIntervalSince(started) >= Double(max(1, timeout))
        {
            return written
                ? .inDoubt(reason: .killedAfterTimeout(command: executable, seconds: timeout, mayHaveLeft: true))
                : .deferred(reason: .killedAfterTimeout(command: executable, seconds: timeout, mayHaveLeft: false), stopRun: true)
        }
        if process.terminationReason == .uncaughtSignal {
            return written
                ? .inDoubt(reason: .killedBySignal(command: executable, signal: status))
                : .deferred(reason: .killed(command: executable), stopRun: true)
        }
        switch status {
        case 0 where written: return .accepted(reply: "\(executable) exited 0")
        // sysexits.h: EX_DATAERR, EX_NOUSER, EX_NOHOST: the message or an address is wrong.
        case 65, 67, 68: return .refused(reply: "\(executable) exited \(status): \(text)")
        default:
            return .deferred(reason: .exited(command: executable, status: status, output: text), stopRun: status != 75)
        }
    }
}
