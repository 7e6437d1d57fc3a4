import ArgumentParser
import Foundation
import ReclamKit
import ReclamServer

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the public complaint form, the receipt and the complainants' status pages.",
        discussion: """
            Every complaint sent through the form becomes a case (channel web), acknowledged
            in outbox/ in the same commit, authored by serve.actor (else --actor, RECLAM_ACTOR,
            git's identity). The sender gets a reference, the promised answer deadline and a
            private status link (/suivi/<token>); the ledger keeps only the token's SHA-256.

            The ledger is read afresh on every request. Settings: the serve section of
            reclam.yml (docs/SERVE.md). One line per request goes to standard error: method,
            path, status, time. Stop with Ctrl-C or SIGTERM.

            Examples:
              reclam serve
              reclam serve --listen 127.0.0.1:8081 --base-url https://reclamations.example.org
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions
    @Option(
        help: ArgumentHelp(
            "Address and port to listen on, ADDRESS:PORT (default: serve.listen, else 127.0.0.1:8080; port 0 picks a free one).",
            valueName: "addr:port"))
    var listen: String?
    @Option(
        name: .customLong("base-url"),
        help: ArgumentHelp(
            "Public address of the form, for the status links (default: serve.base_url, else http://ADDRESS:PORT).", valueName: "url"))
    var baseURL: String?

    func validate() throws {
        if let listen, ListenAddress(listen) == nil {
            throw ReclamError.usage("--listen '\(listen)' is not ADDRESS:PORT, e.g. 127.0.0.1:8080")
        }
        if let baseURL, let problem = WebAddress.problem(baseURL) { throw ReclamError.usage("--base-url \(problem)") }
    }

    func run() throws {
        let ledger = try global.openLedger()
        let settings = ServeSettings.read(ledger.config)
        if settings.diagnostics.hasErrors {
            throw ReclamError(.refused, Messages(ledger.config.language)[.serveRefused], diagnostics: settings.diagnostics)
        }
        let environment = ProcessInfo.processInfo.environment
        // Fails now, not at the first complaint, when no author identity can be found.
        _ = try WriteContext(ledger: ledger, actorOption: settings.actor ?? write.actor, environment: environment, now: try global.now())
        guard let address = ListenAddress(listen ?? settings.listen) else { throw ReclamError.usage("invalid listen address") }
        let door = FrontDoor(
            options: FrontDoor.Options(
                ledgerRoot: ledger.root, listen: address, baseURL: baseURL, actor: write.actor, environment: environment),
            log: { line in FileHandle.standardError.write("\(ServeLog.timestamp()) \(line)\n") })
        let root = ledger.root.path
        try AsyncBridge.run {
            try await door.run { url in
                FileHandle.standardError.write("reclam: serving \(root) on \(url)\n")
            }
        }
    }
}

enum ServeLog {
    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }
}

/// Runs async work from the synchronous command and waits for it.
enum AsyncBridge {
    final class Outcome: @unchecked Sendable {
        let lock = NSLock()
        var error: Error?
    }

    static func run(_ body: @escaping @Sendable () async throws -> Void) throws {
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        Task {
            do { try await body() } catch { outcome.lock.withLock { outcome.error = error } }
            done.signal()
        }
        done.wait()
        if let error = outcome.lock.withLock({ outcome.error }) {
            throw ReclamError.io(Messages(RunLanguage.current).format(.serverStopped, "\(error)"))
        }
    }
}
