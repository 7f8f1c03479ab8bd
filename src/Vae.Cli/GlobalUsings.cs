// The namespaces nearly every verb uses; the domain packs (Vae.Applications.*) stay explicit in the verbs that use them.
global using System.ComponentModel;
global using System.Globalization;
global using System.Text.Json;
global using Spectre.Console.Cli;
global using Vae.Cli.Results;
global using Vae.Data;
global using Vae.Evaluation;
global using Vae.IO;
global using Vae.Reporting;
global using Vae.Runs;
