import ArgumentParser
import BulkheadCore

/// Roles parse as arguments, so `--role boss` is a usage error (exit 2) that lists the choices.
extension Role: ExpressibleByArgument {}
