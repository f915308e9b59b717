// A browser entry: esbuild bundles it with the package for platform=browser; the bundle must not need fs.
import { isChatResponse } from "indoxhub-contract";

export const check = (value) => isChatResponse(value);
