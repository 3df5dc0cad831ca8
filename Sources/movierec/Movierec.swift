import ArgumentParser

@main
struct Movierec: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "movierec",
        abstract: "Train, evaluate and serve movie-rating recommenders.",
        subcommands: [ImportCommand.self]
    )
}
