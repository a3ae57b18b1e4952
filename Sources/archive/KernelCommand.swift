// `archive kernel …`: run a notebook kernel's model on jets from the command line.
// Each kernel adds its subcommand to the list below.

import ArgumentParser

struct KernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel",
        abstract: "Run a notebook kernel's trained model on jets given as JSON lines.",
        subcommands: [
            QuantizeKernelCommand.self,
            MLPKernelCommand.self,
            LundNetKernelCommand.self,
            AutoencoderKernelCommand.self,
        ]
    )
}
