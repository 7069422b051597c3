import type { SecretRule } from "../../types.js";
import { randomBody } from "../vcs/helpers.js";

/**
 * NuGet.org API keys: `oy2` and 43 lower-case alphanumerics. The prefix is three letters, so the
 * rule runs only on lines that name NuGet (`dotnet nuget push`, `NUGET_API_KEY`, nuget.org URLs).
 */
export const nugetApiKey: SecretRule = {
  id: "nuget-api-key",
  kind: "nuget-api-key",
  title: "NuGet API key",
  severity: "critical",
  confidence: "high",
  keywords: ["nuget"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>oy2[a-z0-9]{43})(?![A-Za-z0-9_])/,
  priority: 10,
  check: randomBody(3, 3.5),
  remediation: "Delete or regenerate the key (nuget.org → API Keys) and check the packages' versions for pushes you did not make.",
  docs: "https://learn.microsoft.com/nuget/nuget-org/scoped-api-keys",
  examples: {
    match: [
      { text: "dotnet nuget push app.1.0.0.nupkg --api-key oy2pgjc7nm7kmglq6nv4o4ouhgd46dv6edsnj2nivkmvbm --source https://api.nuget.org/v3/index.json", secret: "oy2pgjc7nm7kmglq6nv4o4ouhgd46dv6edsnj2nivkmvbm" },
      { text: "NUGET_API_KEY=oy26775veyisskcnkzy3cl2emmqo7kezsmqckuzo3drged", secret: "oy26775veyisskcnkzy3cl2emmqo7kezsmqckuzo3drged" },
      { text: "nuget.exe push pkg.nupkg -ApiKey oy25t4nhzr3lzlnxb64muxnagg7xtqaoja6xeilz2kckbw", secret: "oy25t4nhzr3lzlnxb64muxnagg7xtqaoja6xeilz2kckbw" },
      { text: '{"NuGetApiKey": "oy2pgjc7nm7kmglq6nv4o4ouhgd46dv6edsnj2nivkmvbm"}', secret: "oy2pgjc7nm7kmglq6nv4o4ouhgd46dv6edsnj2nivkmvbm" },
      { text: "  nuget_key: oy26775veyisskcnkzy3cl2emmqo7kezsmqckuzo3drged", secret: "oy26775veyisskcnkzy3cl2emmqo7kezsmqckuzo3drged" },
    ],
    noMatch: [
      { text: "NUGET_API_KEY=oy2pgjc7nm7kmglq6nv4o4ouhgd46dv6edsnj2nivkmvb", why: "42 characters" },
      { text: "NUGET_API_KEY=oy2pgjc7nm7kmglq6nv4o4ouhgd46dv6edsnj2nivkmvbmx", why: "44 characters" },
      { text: "NUGET_API_KEY=oy2PGJC7NM7KMGLQ6NV4O4OUHGD46DV6EDSNJ2NIVKMVBM", why: "upper case" },
      { text: "NUGET_API_KEY=oy2aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", why: "filler" },
      { text: "KEY=oy2pgjc7nm7kmglq6nv4o4ouhgd46dv6edsnj2nivkmvbm", why: "no mention of NuGet on the line" },
    ],
  },
};
