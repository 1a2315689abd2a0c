export { importBuffer, importFile } from "./importer";
