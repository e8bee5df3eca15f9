import { describeDocumentCommands } from "./documentCommands.js";

// The commands of the command reference, the longest document, apart from commands.test.ts so
// that they run beside the other documents' commands.
describeDocumentCommands("docs/cli.md");
