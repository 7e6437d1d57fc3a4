extension Identifier {
    /// Names Windows gives to devices: a file called `con.md` or `aux.fr.md` cannot be created
    /// there, so a ledger holding one cannot be cloned on Windows. Ids are lowercase, so the
    /// lowercase forms are enough; `isReserved` compares without regard to case all the same.
    /// COM0 and LPT0 are on Microsoft's list too.
    public static let windowsReserved: Set<String> = Set(
        ["con", "prn", "aux", "nul"] + (0...9).map { "com\($0)" } + (0...9).map { "lpt\($0)" })

    /// Whether `name` (an id, or the part of a file name before its first dot) is a device name
    /// on Windows.
    public static func isReserved(_ name: String) -> Bool {
        let base = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return base.utf8.count <= 4 && windowsReserved.contains(base.lowercased())
    }

    /// The rule a bad id breaks: `id-reserved` when being a device name is all that is wrong
    /// with it, else `id-invalid`.
    public static func rule(for id: String) -> Rule {
        if let reserved = reservedProblem(id), problem(id) == reserved { return .idReserved }
        return .idInvalid
    }

    package static func reservedProblem(_ id: String) -> String? {
        guard isReserved(id) else { return nil }
        return
            "'\(id)' is a device name on Windows (CON, PRN, AUX, NUL, COM0–COM9, LPT0–LPT9), where a ledger may be cloned; choose another id"
    }
}
