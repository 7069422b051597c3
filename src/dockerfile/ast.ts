/**
 * Syntax tree of a Dockerfile, as produced by `parseDockerfile`.
 *
 * Positions: `line` and `column` are 1-based; `column` counts UTF-16 code
 * units (JavaScript string indices) from the start of the line; `offset` is
 * the 0-based index into the original text, so
 * `text.slice(range.start.offset, range.end.offset)` is the exact source of a
 * range. Every `end` is exclusive (the position just after the last character).
 */

export type EscapeChar = "\\" | "`";

export interface Position {
  line: number;
  column: number;
  offset: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A piece of an instruction's text: an argument, a word, a key or a value. */
export interface Token {
  /** Decoded value: the JSON-decoded string for exec-form arguments, else the text as written (after line continuations are joined). */
  value: string;
  /** The text as written (JSON string literal with its quotes for exec form). */
  raw: string;
  range: Range;
}

/** A `--name[=value]` flag written before an instruction's arguments. */
export interface Flag {
  /** Flag name without the leading `--`, e.g. `mount`. */
  name: string;
  /** Value after `=`, with quotes and backslash escapes removed as BuildKit does; `undefined` for a bare `--link`. */
  value: string | undefined;
  /** The flag as written in the file, e.g. `--mount="type=secret,id=x"`. */
  raw: string;
  range: Range;
}

export interface Heredoc {
  /** Delimiter word with quotes removed (`EOF` for `<<"EOF"`). */
  name: string;
  /** Body exactly as in the file (line endings included, leading tabs NOT removed even for `<<-`); see `heredocContent`. */
  content: string;
  /** False when any part of the delimiter was quoted (`<<"EOF"`, `<<'EOF'`): no variable expansion of the body. */
  expand: boolean;
  /** `<<-EOF`: leading tabs are stripped from body lines and from the terminator line. */
  chomp: boolean;
  /** File descriptor written before `<<` (`3<<EOF`), 0 when none. */
  fileDescriptor: number;
  /** The `<<EOF` word on the instruction line. */
  marker: Token;
  /** Span of the body (empty range at the first body line when the body is empty). */
  contentRange: Range;
  /** First line of the body (the line after the instruction, or after the previous heredoc). */
  startLine: number;
  /** Line of the terminator, or the last line of the file when unterminated. */
  endLine: number;
  terminated: boolean;
  /** Range of the terminator line, when terminated. */
  terminatorRange?: Range;
}

/** `KEY=value` (ENV, LABEL, ARG) or the legacy `KEY value` (ENV, LABEL). */
export interface KeyValueToken {
  key: Token;
  /** Absent for `ARG NAME` without a default. */
  value?: Token;
  /** The whole `KEY=value` word (or the whole argument text for the legacy form). */
  token: Token;
  form: "equals" | "legacy" | "name";
}

export interface Comment {
  /** Text after `#`, trimmed. */
  text: string;
  line: number;
  range: Range;
  /** True for a comment line inside a continued instruction (Docker drops it from the instruction). */
  insideInstruction: boolean;
}

export interface Directive {
  /** Lower-cased: `syntax`, `escape` or `check`. */
  name: string;
  value: string;
  line: number;
  range: Range;
}

export interface Diagnostic {
  line: number;
  column: number;
  message: string;
  /** Last line concerned, when the problem spans several lines. */
  endLine?: number;
}

export type ArgsForm =
  /** JSON array (exec form): `args` are the decoded strings. */
  | "json"
  /** The whole argument text is one argument (RUN/CMD/ENTRYPOINT/SHELL shell form, USER, WORKDIR, …). */
  | "string"
  /** Whitespace-separated arguments (FROM, EXPOSE, COPY/ADD/VOLUME shell form). */
  | "list"
  /** Name/value words (ENV, LABEL, ARG): see `pairs`. */
  | "pairs"
  /** HEALTHCHECK: the first argument is the type (CMD/NONE), the rest is JSON or a shell string. */
  | "healthcheck"
  /** ONBUILD: see `trigger`. */
  | "onbuild"
  /** Unknown instruction: whitespace-separated, for information only. */
  | "unknown"
  | "none";

export interface InstructionNode {
  /** Upper-cased keyword (`RUN`). */
  keyword: string;
  /** Keyword as written (`run`). */
  rawKeyword: string;
  /** Whether the keyword is a Dockerfile instruction. */
  known: boolean;
  keywordRange: Range;
  flags: Flag[];
  /** Arguments split the way Docker's parser splits them for this instruction (see `argsForm`). */
  args: Token[];
  argsForm: ArgsForm;
  /** True when the arguments (or HEALTHCHECK CMD's command) are a JSON array. */
  json: boolean;
  /** Argument text after the flags (continuations joined, comments inside the instruction removed). */
  argsText: string;
  /** Source range of `argsText` (absent when there are no arguments). */
  argsRange?: Range;
  /** Shell-like words of `argsText` (quotes and escapes kept), for locating parts of a command; equals `args` for JSON. */
  words: Token[];
  /** ENV/LABEL/ARG name-value pairs. */
  pairs?: KeyValueToken[];
  heredocs: Heredoc[];
  /** ONBUILD's instruction. */
  trigger?: InstructionNode;
  /** The logical line: all physical lines joined, as Docker sees it (without heredoc bodies). */
  original: string;
  /** From the keyword to the end of the last line of the instruction (heredoc terminator included). */
  range: Range;
  startLine: number;
  endLine: number;
}

export interface DockerfileAst {
  file: string;
  escapeChar: EscapeChar;
  directives: Directive[];
  instructions: InstructionNode[];
  comments: Comment[];
  errors: Diagnostic[];
  warnings: Diagnostic[];
  /** Number of lines in the file. */
  lineCount: number;
}
