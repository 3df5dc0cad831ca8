import ArgumentParser

@main
struct Movierec: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "movierec",
        abstract: "Train, evaluate and serve movie-rating recommenders.",
        subcommands: [ImportCommand.self, TrainCommand.self, EvalCommand.self, InspectCommand.self, ServeCommand.self,
                      ModelsCommand.self, GenerateCommand.self]
    )
}
