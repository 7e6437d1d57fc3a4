extension RuleCatalogue {
    /// Every rule any command reports, for `reclam rules`: the file rules of `reclam check`,
    /// then those about actions, history (`reclam audit`), hand edits (`reclam commit`),
    /// deadlines (`reclam sla`), intake and the repository's health (`reclam doctor`).
    public static var listed: [Rule] { all + actions + audit + handEdit + sla + intake + doctor }
}
