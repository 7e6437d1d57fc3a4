import Foundation
import Testing

/// `--format` is one option type (`OutputFormat`): every command that has it lists its formats
/// and default in its help, and refuses any other value as a usage error naming them (exit 2).
@Suite struct FormatOptionEndToEndTests {
    /// The subcommands a help text lists, each line of its SUBCOMMANDS section starting with one.
    static func subcommands(of help: String) -> [String] {
        guard let section = help.range(of: "SUBCOMMANDS:\n") else { return [] }
        return help[section.upperBound...].split(separator: "\n").compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first,
                name.first?.isLowercase == true
            else { return nil }
            return String(name)
        }
    }

    /// Every command path (`["action", "list"]`), found by walking the help.
    static func commands(_ shell: Shell) throws -> [[String]] {
        var found: [[String]] = []
        var pending: [[String]] = subcommands(of: try shell.reclam("--help").stdout).map { [$0] }
        while let command = pending.popLast(), found.count < 200 {
            found.append(command)
            if command.count < 3 {
                pending += subcommands(of: try shell.run(Shell.reclam, command + ["--help"], in: "ledger").stdout).map { command + [$0] }
            }
        }
        return found
    }

    @Test func everyFormatOptionListsItsFormatsAndRefusesOthers() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        var checked: [String] = []
        for command in try Self.commands(shell) where command != ["help"] {
            let help = try shell.run(Shell.reclam, command + ["--help"], in: "ledger").stdout.split(whereSeparator: \.isWhitespace).joined(
                separator: " ")
            guard let option = help.range(of: "--format <format> Output format") else { continue }
            let rest = help[option.upperBound...]
            let values = try #require(rest.range(of: "(values: ").map { rest[$0.upperBound...].prefix { $0 != ";" } })
            #expect(rest.range(of: "; default: ") != nil, "\(command): the help names no default format")
            let formats = values.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(formats.count >= 2, "\(command): \(formats)")

            let refused = try shell.run(Shell.reclam, command + ["--format", "nope"], in: "ledger")
            #expect(refused.status == 2, "\(command): \(refused.stderr)")
            let quoted = formats.map { "'\($0)'" }
            // argument-parser's wording: 'a' and 'b'; 'a', 'b' or 'c'.
            let offered = quoted.dropLast().joined(separator: ", ") + (quoted.count == 2 ? " and " : " or ") + (quoted.last ?? "")
            #expect(refused.stderr.contains("Please provide one of \(offered)."), "\(command): \(refused.stderr)")
            checked.append(command.joined(separator: " "))
        }
        for command in ["list", "check", "sla", "audit", "doctor", "procedure", "schema", "show", "action list", "rules"] {
            #expect(checked.contains(command), "reclam \(command) has a --format option")
        }
        #expect(checked.count >= 20, "\(checked)")
    }

    /// A usage mistake is one error type, whether the command finds it while checking its options
    /// or while running: exit 2 and a message that names the mistake.
    @Test func usageMistakesExitTwo() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let checked = try shell.reclam("intake", "--max-parts", "0", "message.eml")
        #expect(checked.status == 2)
        #expect(checked.stderr.contains("--max-parts must be at least 1"), "\(checked.stderr)")
        let running = try shell.reclam("audit", "--incremental", "--since", "2026-11-01")
        #expect(running.status == 2)
        #expect(running.stderr == "reclam: --incremental and --since cannot be used together\n")
        let parsing = try shell.reclam("list", "--no-such-option")
        #expect(parsing.status == 2)
        #expect(parsing.stderr.contains("--no-such-option"), "\(parsing.stderr)")
    }
}
