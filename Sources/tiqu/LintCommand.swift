// The command line: wiring and presentation only. The checks live in TiquRules (Lint*.swift).
import ArgumentParser
import Foundation
import TiquRules

extension Rules {
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint",
            abstract: "Check the rule files: every problem at file:line:col, as error or warning.",
            discussion: "Exit status: 0 clean (or warnings only), 1 warnings with --strict, 2 errors.")
        @OptionGroup var ruleOptions: RuleOptions
        @Flag(name: .long, help: "Exit 1 on warnings too.") var strict = false

        func run() throws {
            let result = RuleLoader.load(directory: try ruleOptions.resolvedDirectory())
            for d in result.diagnostics { print("\(d)") }
            print("\(result.ruleSet.all.count) rules, \(result.patterns.count) patterns: \(result.errors.count) errors, \(result.warnings.count) warnings")
            if !result.errors.isEmpty { throw ExitCode(2) }
            if strict && !result.warnings.isEmpty { throw ExitCode(1) }
        }
    }
}
