/// The names of reclam's own commands. Every verb of a procedure is also a command
/// (`reclam VERB ID`), so a verb may not take one of these names, except the verbs whose
/// built-in command performs that very transition with more (`ack` also writes the email).
/// A test compares this list with the command line's.
public enum CommandNames {
    public static let builtIn: Set<String> = [
        "init", "new", "check", "rules", "show", "list", "move", "ack", "next", "log", "audit", "register", "learner", "action",
        "plan", "trends", "report", "procedure", "letter", "calendar", "due", "sla", "intake", "intake-survey", "edit", "commit",
        "hooks", "schema", "send", "remind", "serve", "merge-file", "sync", "conflicts", "resolve", "doctor", "help", "set", "agenda",
        "user", "note",
    ]

    /// Verbs that a built-in command runs, with what it adds.
    public static let verbCommands: Set<String> = ["ack"]
}
