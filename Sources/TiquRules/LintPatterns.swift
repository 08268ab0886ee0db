import PCRE2

/// Thrown by `PatternLibrary.expand` when a pattern uses a sub-pattern that does not compile on its own:
/// the user is left out and named under the error at that sub-pattern's definition (`root`).
struct BrokenPattern: Error {
    let root: String
}

/// Errors at the definitions of broken sub-patterns, each followed by the patterns and rules that use it,
/// so one mistake in `SCALE` is one error at `patterns/numbers.yaml`, not ten at the rules.
struct BrokenReport {
    var errors: [String: RuleError] = [:]
    var users: [String: [String]] = [:]

    mutating func note(_ root: String, _ text: String) { users[root, default: []].append(text) }

    /// The errors, each with its notes.
    func finished() -> [RuleError] {
        errors.keys.sorted().map { root in
            let e = errors[root]!
            let notes = users[root] ?? []
            // After a question ("did you mean SCALE?") a new sentence, not "?;".
            let tail = e.message.hasSuffix("?") ? " What uses it is left out:" : "; what uses it is left out:"
            return RuleError(e.location, e.message + (notes.isEmpty ? "" : tail), notes: notes)
        }
    }
}

extension PatternLibrary {
    /// Compiles every regex sub-pattern on its own, those it uses first, so that an error in one is
    /// reported at its own definition (PCRE2's offset mapped into its file), and marks it and everything
    /// using it as `broken`.
    mutating func checkEach() -> BrokenReport {
        var report = BrokenReport()
        var done = Set<String>()
        for name in entries.keys.sorted() { check(name, report: &report, done: &done, visiting: []) }
        return report
    }

    private mutating func check(_ name: String, report: inout BrokenReport, done: inout Set<String>, visiting: [String]) {
        guard let entry = entries[name], !entry.generated, !done.contains(name), !visiting.contains(name) else { return }
        for r in Self.references(in: entry.text) { check(r, report: &report, done: &done, visiting: visiting + [name]) }
        done.insert(name)
        var exp = Expansion()
        do {
            try expand(entry.text, ctx: entry.ctx, node: entry.node, into: &exp, stack: [name])
            do { try Regex.check(exp.text, options: RuleLoader.options) } catch let e as PCRE2Error {
                let loc = e.patternOffset.flatMap { exp.location(ofByte: $0) } ?? entry.location
                throw RuleError(loc, "pattern `\(name)` does not compile on its own: \(e.message)")
            }
        } catch let e as BrokenPattern {
            broken[name] = e.root
            report.note(e.root, "pattern `\(name)` (\(entry.location)) uses it")
        } catch let e as RuleError {
            broken[name] = name
            report.errors[name] = e
        } catch {
            broken[name] = name
            report.errors[name] = RuleError(entry.location, "\(error)")
        }
    }

    /// The sub-patterns nothing uses: no rule, no other used sub-pattern, and not read by code (the
    /// segmenter's patterns, and word lists of a category a stage reads).
    func unused(referencedByRules: [String]) -> [Entry] {
        let codeCategories = Set(ContextWords.required.map(\.category) + StructurePatterns.categories + CleanWords.categories + UnitCategory.all)
        var roots = referencedByRules + StructurePatterns.patternNames
        roots += entries.values.filter { $0.category.map(codeCategories.contains) ?? false }.map(\.name)
        let used = closure(of: roots)
        return entries.values.filter { !used.contains($0.name) }.sorted { $0.name < $1.name }
    }
}
