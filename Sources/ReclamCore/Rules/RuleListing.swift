extension RuleCatalogue {
    /// Every rule any command reports, for `reclam rules`: the file rules of `reclam check`,
    /// then those about actions, history (`reclam audit`) and hand edits (`reclam commit`).
    public static var listed: [Rule] { all + actions + audit + handEdit }
}
