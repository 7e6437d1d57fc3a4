import Foundation
import Testing

/// `reclam serve` started on a free loopback port (port 0), for the length of a test.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    let url: String
    private let output = OutputBuffer()

    /// Standard error of the server, filled as it arrives.
    final class OutputBuffer: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()

        func append(_ more: Data) { lock.withLock { data.append(more) } }
        var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
    }

    /// Starts the server in the shell's ledger and waits (at most 60 s) until it listens.
    init(_ shell: Shell, arguments: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: Shell.reclam)
        process.arguments = ["serve", "--listen", "127.0.0.1:0"] + arguments
        process.environment = shell.environment
        process.currentDirectoryURL = shell.directory.appendingPathComponent("ledger")
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let output = self.output
        errors.fileHandleForReading.readabilityHandler = { handle in output.append(handle.availableData) }
        try process.run()
        var found: String?
        for _ in 0..<1200 where found == nil {
            let text = output.text
            if let range = text.range(of: #"on http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) {
                found = String(text[range].dropFirst(3))
            } else if !process.isRunning {
                break
            } else {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        guard let found else {
            process.terminate()
            throw ServeFailure(message: "reclam serve did not start: \(output.text)")
        }
        url = found
    }

    /// What the server wrote to standard error so far.
    var log: String { output.text }

    /// Stops the server (SIGTERM, a graceful shutdown) and returns its exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit { if process.isRunning { process.terminate() } }
}

struct ServeFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// One HTTP exchange made with curl, the independent client.
struct HTTPExchange {
    var status: Int
    /// Header names lowercased; repeated headers joined with "\n".
    var headers: [String: String]
    var body: String

    func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// A browser-like client: curl with a cookie jar of its own.
struct Browser {
    let shell: Shell
    let jar: String

    init(_ shell: Shell, name: String = UUID().uuidString) {
        self.shell = shell
        jar = shell.directory.appendingPathComponent("cookies-\(name).txt").path
    }

    func get(_ url: String) throws -> HTTPExchange { try curl([url]) }

    /// Posts the form as a browser does (multipart); text is sent as text, never read from files.
    func post(_ url: String, fields: [(String, String)], files: [(path: String, filename: String)] = []) throws -> HTTPExchange {
        var arguments: [String] = []
        for (name, value) in fields { arguments += ["--form-string", "\(name)=\(value)"] }
        for file in files { arguments += ["-F", "files=@\(file.path);filename=\(file.filename)"] }
        return try curl(arguments + [url])
    }

    /// The CSRF token of the form page, after loading it (which sets the cookie).
    func formToken(_ url: String) throws -> String {
        let page = try get(url + "/")
        guard let range = page.body.range(of: #"name="csrf" value="[^"]+""#, options: .regularExpression) else {
            throw ServeFailure(message: "no csrf field in the form")
        }
        return String(page.body[range].dropFirst(19).dropLast())
    }

    func curl(_ arguments: [String]) throws -> HTTPExchange {
        let result = try shell.run(
            "/usr/bin/curl", ["-s", "-S", "-i", "--max-time", "60", "-b", jar, "-c", jar] + arguments, in: nil)
        guard result.status == 0 else { throw ServeFailure(message: "curl failed (\(result.status)): \(result.stderr)") }
        return Self.parse(result.stdout)
    }

    static func parse(_ raw: String) -> HTTPExchange {
        let separator = raw.range(of: "\r\n\r\n") ?? raw.range(of: "\n\n")
        let head = separator.map { String(raw[..<$0.lowerBound]) } ?? raw
        let body = separator.map { String(raw[$0.upperBound...]) } ?? ""
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst()
        let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { $0 + "\n" + value } ?? value
        }
        return HTTPExchange(status: status, headers: headers, body: body)
    }
}

extension Shell {
    /// Appends a `serve:` section to reclam.yml and commits it.
    func configureServe(_ yaml: String) throws {
        let config = try read("reclam.yml")
        try write("reclam.yml", config + "\nserve:\n" + yaml)
        try git("add", "reclam.yml")
        try git("-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "serve settings")
    }

    /// Commits every change of the work tree, as a person would with git.
    func commitAll(_ message: String) throws {
        try git("add", "-A")
        try git("-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", message)
    }

    func commitCount() throws -> Int {
        Int(try git("rev-list", "--count", "HEAD").stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }
}
