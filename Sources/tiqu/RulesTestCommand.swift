// The command line: wiring and presentation only. The checks live in TiquRun (RuleChecker, TestDocuments).
import ArgumentParser
import Foundation
import TiquRules
import TiquRun

extension Rules {
    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Run every rule's examples and test documents; report failures at the rule file's line.",
            discussion: "Exit status: 0 all pass (known gaps and false hits do not fail), 1 failures, 2 rule errors or unknown ids.")
        @OptionGroup var ruleOptions: RuleOptions
        @Argument(help: "Only these rule ids, rule files or folders.") var ids: [String] = []

        func run() throws {
            let loaded = try ruleOptions.load(failClosed: false)
            let (ruleSet, ruleErrors) = (loaded.ruleSet, loaded.hadErrors)
            let (selected, unknown) = RuleChecker.select(ids, in: ruleSet)
            for u in unknown {
                if ruleSet.notLoaded[u] != nil { stderr("tiqu: error: \(ruleSet.unknownRule(u))\n"); continue }
                stderr("tiqu: error: `\(u)` is no rule id, rule file or folder; \(NameSuggestion.didYouMean(u, among: ruleSet.all.map(\.id), listedBy: "`tiqu rules lint` lists the rules"))\n")
            }
            if !unknown.isEmpty { throw ExitCode(2) }
            let report = RuleChecker(pipeline: try makePipeline(ruleSet)).check(only: ids.isEmpty ? nil : selected)
            for f in report.failures { print("\(f)") }
            for f in report.known { print("\(f)") }
            for f in report.fixed { print("\(f)") }
            let count = ids.isEmpty ? ruleSet.all.count : selected.count
            print("\(count) rules: \(report.examples) examples, \(report.counterexamples) counterexamples, \(report.documentLines) test document lines, " +
                  "\(report.gaps) known gaps, \(report.falseHits) known false hits (\(report.fixed.count) fixed), \(report.failures.count) failures")
            if ruleErrors { throw ExitCode(2) }
            if !report.failures.isEmpty { throw ExitCode(1) }
        }
    }
}
