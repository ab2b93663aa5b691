import { StatusForCurrentPath } from "@/components/status-for-current-path";

/** An unknown organization, group or person id: said under the admin navigation, which stays. */
export default function AdminNotFound() {
  return <StatusForCurrentPath status={404} signedIn />;
}
