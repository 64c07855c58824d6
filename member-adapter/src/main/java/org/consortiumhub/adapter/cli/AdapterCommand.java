package org.consortiumhub.adapter.cli;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The adapter's command line: {@code member-adapter <command>}. */
@TopCommand
@Command(name = "member-adapter", mixinStandardHelpOptions = true, versionProvider = AdapterCommand.Version.class,
        subcommands = { CheckCommand.class, SyncCommand.class, ValidateCommand.class, StatusCommand.class,
                ServeCommand.class },
        description = "Connects a member library's system to the consortium hub.")
public class AdapterCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        // Picocli prints the message and the usage, and exits with its usual code for a usage error (2).
        throw new ParameterException(spec.commandLine(), "Name a command to run, e.g. 'check'.");
    }

    /** The version the build stamped on the application, for support requests. */
    static class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] { "consortium-hub member adapter "
                    + ConfigProvider.getConfig().getValue("quarkus.application.version", String.class) };
        }
    }
}
