import ArgumentParser
import Foundation
import ReclamKit
import ReclamServer

/// `reclam user add|passwd|remove`: the accounts of the staff workspace (`reclam serve`, /equipe/).
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage the staff workspace's users (users.yml): add, passwd, remove.",
        discussion: """
            users.yml, at the ledger's root (or serve.users_file), lists who may sign in to the
            staff workspace of 'reclam serve': id, name and email (the author of the commits
            they make), role (staff acts on cases, reviewer only reads) and a bcrypt hash of
            the password. The password is read from standard input (one line) or asked for at
            the terminal; it is never an argument. Keep users.yml out of git (.gitignore).

            Examples:
              reclam user add marie --name "Marie Dupont" --email marie@example.org --role staff
              printf '%s\\n' "$PASSWORD" | reclam user passwd marie
              reclam user remove marie
            """,
        subcommands: [UserAddCommand.self, UserPasswdCommand.self, UserRemoveCommand.self]
    )
}

extension StaffRole: ExpressibleByArgument {}

enum UserFile {
    static func url(_ ledger: Ledger) -> URL {
        ledger.root.appendingPathComponent(ServeSettings.read(ledger.config).usersFile)
    }

    /// Reads users.yml, lets `change` edit the users (given the file's name for its messages),
    /// writes the file back and prints what `change` returns.
    static func update(_ global: GlobalOptions, _ change: (inout StaffUsers, _ fileName: String) throws -> String) throws {
        let url = url(try global.openLedger())
        var users = try StaffUsers.read(at: url)
        let done = try change(&users, url.lastPathComponent)
        try users.write(to: url)
        print(done)
    }

    /// One line from standard input, or a prompt without echo at a terminal.
    static func readPassword(prompt: String) throws -> String {
        let password: String?
        if isatty(STDIN_FILENO) == 1 {
            password = getpass(prompt).map { String(cString: $0) }
        } else {
            password = readLine(strippingNewline: true)
        }
        guard let password, !password.isEmpty else { throw ReclamError.usage("no password given (standard input was empty)") }
        if let problem = PasswordHash.problem(password) { throw ReclamError.usage(problem) }
        return password
    }
}

/// The user that `passwd` and `remove` change, named by id: declared once, with the one
/// lookup that refuses an id users.yml does not list.
struct ListedUser: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The user's id.") var id: String

    /// `UserFile.update` for this user: refuses when users.yml has no `id` (`hint`, if any, a
    /// sentence of the catalogue about `id`, says what to do instead), else lets `change` edit
    /// the user at `index`.
    func update(hint: Messages.Key? = nil, _ change: (inout StaffUsers, _ index: Int) throws -> String) throws {
        try UserFile.update(global) { users, file in
            guard let index = users.users.firstIndex(where: { $0.id == id }) else {
                let m = Messages(RunLanguage.current)
                throw ReclamError.refused(m.format(.noUser, id, file) + (hint.map { m[.semicolonSeparator] + m.format($0, id) } ?? ""))
            }
            return try change(&users, index)
        }
    }
}
