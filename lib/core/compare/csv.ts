// The analysis page's CSV downloads use the app's one CSV writer (formula-safe).
export { toCsv } from "../csv";
