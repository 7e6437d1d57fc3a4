import ArgumentParser
import ReclamKit
import ReclamServer

struct UserAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a user; the password is read from standard input or asked for.",
        discussion: """
            The password needs 10 characters at least; only its bcrypt hash is stored.

            Examples:
              reclam user add marie --name "Marie Dupont" --email marie@example.org --role staff
              printf '%s\\n' "$PASSWORD" | reclam user add audit --name Auditrice --email audit@example.org --role reviewer
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The user's id (letters, digits, - and _), as in the cases' owner field.") var id: String
    @Option(help: "Display name, the author name of their commits.") var name: String
    @Option(help: "Email address, the author address of their commits.") var email: String
    @Option(help: "staff (acts on cases) or reviewer (reads only).") var role: StaffRole

    func validate() throws {
        if let problem = Identifier.problem(id) { throw ReclamError.usage("user id: \(problem)") }
        if let problem = StaffUsers.problem(name: name, email: email) { throw ReclamError.usage(problem) }
    }

    func run() throws {
        try UserFile.update(global) { users, file in
            if users.user(id) != nil {
                throw ReclamError.refused(Messages(RunLanguage.current).format(.userExists, id, id))
            }
            let m = Messages(RunLanguage.current)
            let password = try UserFile.readPassword(prompt: m.format(.userPassword, id))
            users.users.append(StaffUser(id: id, name: name, email: email, role: role, passwordHash: PasswordHash.make(password)))
            return m.format(.userAdded, id, role.rawValue, file)
        }
    }
}
